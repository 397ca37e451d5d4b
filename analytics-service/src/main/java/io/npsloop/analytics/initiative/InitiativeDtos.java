package io.npsloop.analytics.initiative;

import io.npsloop.analytics.query.Dtos.NpsResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalDate;
import java.util.List;

/** JSON of the initiative and target-band endpoints (documented in analytics-service/README.md). */
public final class InitiativeDtos {

    private InitiativeDtos() {
    }

    public enum Category { BASIC_SERVICE, EMOTIONAL_CONNECTION, ENVIRONMENT, INCENTIVE }

    /** POST body; every field is checked and each bad one named in the 400 problem. */
    @RegisterForReflection
    public record InitiativeRequest(String name, Category category, List<String> storeIds, LocalDate startDate,
                                    LocalDate endDate, Long costCents) {
    }

    @RegisterForReflection
    public record Initiative(String id, String name, Category category, List<String> storeIds, LocalDate startDate,
                             LocalDate endDate, long costCents, String createdBy, String createdAt) {
    }

    /** One comparison window: treated stores and control stores. */
    @RegisterForReflection
    public record Window(LocalDate from, LocalDate to, boolean complete, NpsResult treated, NpsResult control) {
    }

    /**
     * {@code costPerPoint}: the name (issue 12); the value is integer CENTS per NPS point (costCents ÷ lift),
     * null with {@code costPerPointReason} unless the lift is significant and positive.
     */
    @RegisterForReflection
    public record Effect(Initiative initiative, int windowDays, int controlStores, Window before, Window after,
                         Window afterEnd, Double lift, Double standardError, Double intervalLow, Double intervalHigh,
                         Double z, boolean significant, Long costPerPoint, String costPerPointReason,
                         Double liftAfterEnd, Double liftAfterEndIntervalLow, Double liftAfterEndIntervalHigh,
                         Double fallBack, Double fallBackZ, Boolean liftHeld) {
    }

    @RegisterForReflection
    public record Ranked(Initiative initiative, Double lift, Double intervalLow, Double intervalHigh, boolean significant,
                         Long costPerPoint, String costPerPointReason, Boolean liftHeld) {
    }

    @RegisterForReflection
    public record Page<T>(List<T> items, String next) {
    }

    @RegisterForReflection
    public record StoreBand(String storeId, String group, double low, double high, NpsResult nps, String position) {
    }

    @RegisterForReflection
    public record TargetBands(String week, List<StoreBand> stores) {
    }
}
