package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Relay connection of Reward: { edges { cursor node } pageInfo { hasNextPage endCursor } totalCount }. */
@RegisterForReflection
public record RewardConnection(@NonNull List<@NonNull RewardEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {

    public static RewardConnection empty() {
        return new RewardConnection(List.of(), new PageInfo(false, null), null);
    }
}
