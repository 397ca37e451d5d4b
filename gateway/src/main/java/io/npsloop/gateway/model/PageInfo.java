package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** Relay page info. */
@RegisterForReflection
public record PageInfo(boolean hasNextPage, String endCursor) {
}
