package io.npsloop.gateway.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * One line of the initiatives ranking ({@code GET /api/v1/initiatives}, cheapest NPS point first): the
 * difference-in-differences lift with its 95 % interval, and what a point cost.
 */
@RegisterForReflection
public record InitiativeRank(@NonNull Initiative initiative, Double lift, Double intervalLow, Double intervalHigh,
        boolean significant,
        // analytics is renaming costPerPointCents to costPerPoint; both spellings are read until it has landed
        @Description("Cost in cents per NPS point of lift; null (see costPerPointReason) unless the lift is significant and positive")
        @JsonAlias("costPerPointCents") Long costPerPoint,
        String costPerPointReason, Boolean liftHeld) {
}
