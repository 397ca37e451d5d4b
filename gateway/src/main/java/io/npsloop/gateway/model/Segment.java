package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** NPS of one value of a dimension. */
@RegisterForReflection
public record Segment(@NonNull String key, String label, @NonNull NpsResult nps) {
    public Segment {
        nps = nps == null ? NpsResult.empty() : nps;
    }
}
