package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of Reward. */
@RegisterForReflection
public record RewardEdge(@NonNull String cursor, @NonNull Reward node) {
}
