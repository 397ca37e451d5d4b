package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
/** Detractor recovery figures for a period. */
@RegisterForReflection
public record RecoveryStats(Double avgFirstContactMinutes, Double recoveryRate, Double secondaryDetractorRate,
        @NonNull List<@NonNull LatencyBucket> byLatency) {
    public RecoveryStats {
        byLatency = byLatency == null ? List.of() : byLatency;
    }
}
