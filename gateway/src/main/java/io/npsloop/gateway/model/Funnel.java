package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** A promoter's referral funnel. */
@RegisterForReflection
public record Funnel(int clicks, int uniqueVisitors, int bookings, int conversions, int rewardsCents) {
    public static Funnel empty() {
        return new Funnel(0, 0, 0, 0, 0);
    }
}
