package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** How strongly one of the four quality ratings moves the score. */
@RegisterForReflection
public record Driver(@NonNull String rating, Double correlation, int n) {
}
