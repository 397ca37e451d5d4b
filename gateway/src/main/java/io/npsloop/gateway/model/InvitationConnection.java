package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Relay connection of Invitation: { edges { cursor node } pageInfo { hasNextPage endCursor } totalCount }. */
@RegisterForReflection
public record InvitationConnection(@NonNull List<@NonNull InvitationEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {

    public static InvitationConnection empty() {
        return new InvitationConnection(List.of(), new PageInfo(false, null), null);
    }
}
