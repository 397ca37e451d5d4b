package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of Promoter. */
@RegisterForReflection
public record PromoterEdge(@NonNull String cursor, @NonNull Promoter node) {
}
