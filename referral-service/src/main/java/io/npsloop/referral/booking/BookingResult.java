package io.npsloop.referral.booking;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/** 201 answer: {@code status} PENDING (attributed to the code) or UNATTRIBUTED (no click within the window). */
@RegisterForReflection
public record BookingResult(UUID id, UUID bookingId, String code, String status, String storeId, long discountCents) {
}
