package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** Relay connection of Case: { edges { cursor node } pageInfo { hasNextPage endCursor } totalCount }. */
@RegisterForReflection
public record CaseConnection(@NonNull List<@NonNull CaseEdge> edges, @NonNull PageInfo pageInfo, Integer totalCount) {

    public static CaseConnection empty() {
        return new CaseConnection(List.of(), new PageInfo(false, null), null);
    }
}
