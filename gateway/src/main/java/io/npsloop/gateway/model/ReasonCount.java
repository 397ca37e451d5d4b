package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** A detractor reason tag with its count and share (percent). */
@RegisterForReflection
public record ReasonCount(@NonNull String reason, int count, Double share) {
}
