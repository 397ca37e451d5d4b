package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of Passive. */
@RegisterForReflection
public record PassiveEdge(@NonNull String cursor, @NonNull Passive node) {
}
