package io.npsloop.analytics.coverage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The coverage-outlier warning of the dashboard ({@code npsloop.coverage-outlier.*}, README "Coverage outliers"). */
@ConfigMapping(prefix = "npsloop.coverage-outlier")
public interface CoverageConfig {

    /** Keep the weekly coverage rows and warn at all. */
    @WithDefault("true")
    boolean enabled();

    /** Flag when the two-proportion z of the group's coverage against the rest of the chain is at most this. */
    @WithDefault("-1.96")
    double z();

    /** Fewest completed orders of a group for the test (the normal approximation needs some). */
    @WithDefault("30")
    long minOrders();

    /** Fewest responses of a group; never below npsloop.k-min whatever is set here. */
    @WithDefault("5")
    long minResponses();

    /** The group's NPS must be at least the chain's plus this many points ("high NPS"). */
    @WithDefault("0")
    double npsMargin();
}
