package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of Case. */
@RegisterForReflection
public record CaseEdge(@NonNull String cursor, @NonNull Case node) {
}
