package io.npsloop.survey.recovery;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Case JSON as pinned in DEVELOPERS.md, plus the stage details. {@code customer} is null unless allowed. */
@RegisterForReflection
public record CaseView(UUID id, String storeId, UUID responseId, int score, String stage, String status, boolean overdue,
                       OffsetDateTime openedAt, OffsetDateTime dueAt, String ownerRole, Customer customer,
                       Deadlines deadlines, OffsetDateTime firstContactAt, OffsetDateTime analysisAt,
                       OffsetDateTime remedyAt, OffsetDateTime gmFollowUpAt, OffsetDateTime closedAt,
                       String problemType, String scope, String plan, Notes notes, Boolean gmSatisfied, Remedy remedy,
                       String outcome, String closeReason, String comment, boolean commentMasked, List<String> reasons,
                       List<String> escalatedStages) {

    @RegisterForReflection
    public record Customer(String name, String phone) {
    }

    @RegisterForReflection
    public record Deadlines(OffsetDateTime firstContact, OffsetDateTime analysis, OffsetDateTime remedy,
                            OffsetDateTime gmFollowUp) {
    }

    @RegisterForReflection
    public record Notes(String firstContact, String gmFollowUp) {
    }

    @RegisterForReflection
    public record Remedy(String apology, String compensation, Long compensationCents, String processFix) {
    }

    /** A keyset page; {@code total} counts the whole filtered, scoped list (the gateway's totalCount) where known. */
    @RegisterForReflection
    public record Page<T>(List<T> items, String next,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Long total) {
        public Page(List<T> items, String next) {
            this(items, next, null);
        }

        public Page<T> withTotal(long total) {
            return new Page<>(items, next, total);
        }
    }
}
