package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/**
 * The weekly dashboard (本周NPS概况) as analytics-service answers {@code GET /api/v1/dashboard}: the twelve metrics with
 * week-over-week comparison, displayed vs verified NPS, warnings and top detractor reasons; {@code coverage} and
 * {@code responseRate} are extra.
 */
@RegisterForReflection
public record Dashboard(@NonNull String week, @NonNull NpsResult nps, @NonNull NpsResult verifiedNps, Double authenticityRate,
        @NonNull Metric overallNps, @NonNull Metric promoterShare, @NonNull Metric passiveShare,
        @NonNull Metric detractorShare, @NonNull Metric newCustomerNps, @NonNull Metric oldCustomerNps,
        @NonNull Metric maintenanceNps, @NonNull Metric repairNps, @NonNull Metric detractorGrowth,
        @NonNull Metric avgFirstContactMinutes, @NonNull Metric recoveryRate, @NonNull Metric secondaryDetractorRate,
        @NonNull List<@NonNull Warning> warnings, @NonNull List<@NonNull ReasonCount> topDetractorReasons,
        Metric coverage, Metric responseRate) {

    /** Missing members of the upstream JSON become empty values, so the non-null contract holds. */
    public Dashboard {
        nps = nps == null ? NpsResult.empty() : nps;
        verifiedNps = verifiedNps == null ? NpsResult.empty() : verifiedNps;
        overallNps = orEmpty(overallNps);
        promoterShare = orEmpty(promoterShare);
        passiveShare = orEmpty(passiveShare);
        detractorShare = orEmpty(detractorShare);
        newCustomerNps = orEmpty(newCustomerNps);
        oldCustomerNps = orEmpty(oldCustomerNps);
        maintenanceNps = orEmpty(maintenanceNps);
        repairNps = orEmpty(repairNps);
        detractorGrowth = orEmpty(detractorGrowth);
        avgFirstContactMinutes = orEmpty(avgFirstContactMinutes);
        recoveryRate = orEmpty(recoveryRate);
        secondaryDetractorRate = orEmpty(secondaryDetractorRate);
        warnings = warnings == null ? List.of() : warnings;
        topDetractorReasons = topDetractorReasons == null ? List.of() : topDetractorReasons;
    }

    private static Metric orEmpty(Metric m) {
        return m == null ? Metric.empty() : m;
    }
}
