package io.npsloop.analytics.initiative;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Initiative effects ({@code npsloop.initiatives.*}). */
@ConfigMapping(prefix = "npsloop.initiatives")
public interface InitiativesConfig {

    /** Length of each comparison window (before the start, from the start, after the end), in days. */
    @WithDefault("28")
    int windowDays();
}
