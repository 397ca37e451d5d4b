package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** NPS of one period (a day, an ISO week or a month). */
@RegisterForReflection
public record TrendPoint(@NonNull String period, @NonNull NpsResult nps) {
    public TrendPoint {
        nps = nps == null ? NpsResult.empty() : nps;
    }
}
