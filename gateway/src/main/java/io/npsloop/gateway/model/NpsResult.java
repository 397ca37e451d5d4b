package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** NPS figures as analytics-service answers them; when {@code suppressed} every figure is null (counts 0). */
@RegisterForReflection
public record NpsResult(Double value, int n, int promoters, int passives, int detractors, Double promoterShare, Double passiveShare,
        Double detractorShare, Double marginOfError, Double intervalLow, Double intervalHigh, boolean suppressed) {
    public static NpsResult empty() {
        return new NpsResult(null, 0, 0, 0, 0, null, null, null, null, null, null, false);
    }
}
