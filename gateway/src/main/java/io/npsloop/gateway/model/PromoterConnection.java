package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Relay connection of Promoter: { edges { cursor node } pageInfo { hasNextPage endCursor } totalCount }. */
@RegisterForReflection
public record PromoterConnection(@NonNull List<@NonNull PromoterEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {

    public static PromoterConnection empty() {
        return new PromoterConnection(List.of(), new PageInfo(false, null), null);
    }
}
