package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay edge of Invitation. */
@RegisterForReflection
public record InvitationEdge(@NonNull String cursor, @NonNull Invitation node) {
}
