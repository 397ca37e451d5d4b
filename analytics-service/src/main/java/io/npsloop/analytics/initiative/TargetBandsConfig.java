package io.npsloop.analytics.initiative;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/**
 * Optimal NPS band per store group ({@code npsloop.target-bands.*}): the seed's "性价比最优的NPS" — above the band
 * each extra point costs more than it earns. A store in no group gets the default band.
 */
@ConfigMapping(prefix = "npsloop.target-bands")
public interface TargetBandsConfig {

    @WithDefault("70")
    double defaultLow();

    @WithDefault("80")
    double defaultHigh();

    /** Named groups: {@code groups.<name>.low/high/stores}. */
    Map<String, Group> groups();

    interface Group {
        double low();

        double high();

        List<String> stores();
    }
}
