package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** Recovery rate for one first-contact latency bucket (LE_1H, LE_4H, LE_24H, GT_24H). */
@RegisterForReflection
public record LatencyBucket(@NonNull String bucket, int cases, int recovered, Double rate) {
}
