package io.npsloop.referral.booking;

import java.time.OffsetDateTime;

/** A referee's booking. {@code clickToken} is the landing page's signed click (optional for API clients). */
public record BookingRequest(String name, String phone, String storeId, OffsetDateTime preferredTime, String plate,
                             String clickToken) {
}
