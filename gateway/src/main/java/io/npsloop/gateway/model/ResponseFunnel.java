package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** Survey response funnel and coverage. */
@RegisterForReflection
public record ResponseFunnel(int completedOrders, int invited, int opened, int answered, Double responseRate,
        Double coverage) {
}
