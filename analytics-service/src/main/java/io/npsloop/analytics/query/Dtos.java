package io.npsloop.analytics.query;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The JSON shapes of the query API (pinned in DEVELOPERS.md). */
public final class Dtos {

    private Dtos() {
    }

    @RegisterForReflection
    public record NpsResult(Double value, Long n, Long promoters, Long passives, Long detractors,
                            Double promoterShare, Double passiveShare, Double detractorShare,
                            Double marginOfError, Double intervalLow, Double intervalHigh, boolean suppressed) {
        public static final NpsResult SUPPRESSED = new NpsResult(null, null, null, null, null, null, null, null,
                null, null, null, true);
    }

    @RegisterForReflection
    public record Metric(Double value, Double previous, Double delta, Boolean significant) {
    }

    @RegisterForReflection
    public record Segment(String key, String label, NpsResult nps) {
    }

    @RegisterForReflection
    public record Segments(String dimension, List<Segment> segments) {
    }

    @RegisterForReflection
    public record TrendPoint(String period, NpsResult nps) {
    }

    @RegisterForReflection
    public record Trend(String granularity, List<TrendPoint> points) {
    }

    @RegisterForReflection
    public record Warning(String kind, String dimension, String segment, String message, Double value,
                          Double previous, Double delta, Double z) {
    }

    @RegisterForReflection
    public record ReasonCount(String reason, long count, Double share) {
    }

    @RegisterForReflection
    public record Dashboard(String week, NpsResult nps, NpsResult verifiedNps, Double authenticityRate,
                            Metric overallNps, Metric promoterShare, Metric passiveShare, Metric detractorShare,
                            Metric newCustomerNps, Metric oldCustomerNps, Metric maintenanceNps, Metric repairNps,
                            Metric detractorGrowth, Metric avgFirstContactMinutes, Metric recoveryRate,
                            Metric secondaryDetractorRate, List<Warning> warnings,
                            List<ReasonCount> topDetractorReasons, Metric coverage, Metric responseRate) {

        /** The same dashboard with other warnings (coverage outliers are appended after the query). */
        public Dashboard withWarnings(List<Warning> w) {
            return new Dashboard(week, nps, verifiedNps, authenticityRate, overallNps, promoterShare, passiveShare,
                    detractorShare, newCustomerNps, oldCustomerNps, maintenanceNps, repairNps, detractorGrowth,
                    avgFirstContactMinutes, recoveryRate, secondaryDetractorRate, w, topDetractorReasons, coverage,
                    responseRate);
        }
    }

    @RegisterForReflection
    public record Driver(String rating, Double correlation, long n) {
    }

    @RegisterForReflection
    public record Drivers(List<Driver> drivers) {
    }

    @RegisterForReflection
    public record LatencyBucket(String bucket, long cases, long recovered, Double rate) {
    }

    @RegisterForReflection
    public record Recovery(Double avgFirstContactMinutes, Double recoveryRate, Double secondaryDetractorRate,
                           List<LatencyBucket> byLatency) {
    }

    @RegisterForReflection
    public record Funnel(long completedOrders, long invited, long opened, long answered, Double responseRate,
                         Double coverage) {
    }

    @RegisterForReflection
    public record ReferralFunnel(long clicks, long uniqueVisitors, long bookings, long conversions,
                                 long rewardsCents, long promoters, Double referralRate) {
    }
}
