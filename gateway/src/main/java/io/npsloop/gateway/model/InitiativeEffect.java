package io.npsloop.gateway.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;

/**
 * What an initiative earned ({@code GET /api/v1/initiatives/{id}/effect}): NPS before and after in treated and control
 * stores, the difference-in-differences lift with its interval, cost per point, and for an ended initiative whether
 * the lift held afterwards (the seed: bought scores fall back below where they started).
 */
@RegisterForReflection
public record InitiativeEffect(int windowDays, int controlStores, EffectWindow before, EffectWindow after,
        EffectWindow afterEnd, Double lift, Double standardError, Double intervalLow, Double intervalHigh, Double z,
        boolean significant,
        @Description("Cost in cents per NPS point of lift; null (see costPerPointReason) unless the lift is significant and positive")
        @JsonAlias("costPerPointCents") Long costPerPoint,
        String costPerPointReason, Double liftAfterEnd, Double liftAfterEndIntervalLow, Double liftAfterEndIntervalHigh,
        Double fallBack, Double fallBackZ, Boolean liftHeld) {
}
