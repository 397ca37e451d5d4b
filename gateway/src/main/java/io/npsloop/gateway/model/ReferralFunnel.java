package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** Referral funnel of a period and referral rate (转介绍率). */
@RegisterForReflection
public record ReferralFunnel(int clicks, int uniqueVisitors, int bookings, int conversions, int rewardsCents, int promoters, Double referralRate) {
}
