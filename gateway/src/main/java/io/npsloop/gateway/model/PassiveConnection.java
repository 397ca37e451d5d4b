package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Relay connection of Passive: { edges { cursor node } pageInfo { hasNextPage endCursor } totalCount }. */
@RegisterForReflection
public record PassiveConnection(@NonNull List<@NonNull PassiveEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {

    public static PassiveConnection empty() {
        return new PassiveConnection(List.of(), new PageInfo(false, null), null);
    }
}
