package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** One of the weekly dashboard's metrics with its week-over-week comparison. */
@RegisterForReflection
public record Metric(Double value, Double previous, Double delta, Boolean significant) {
    public static Metric empty() {
        return new Metric(null, null, null, null);
    }
}
