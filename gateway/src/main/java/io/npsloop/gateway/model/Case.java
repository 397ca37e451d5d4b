package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A detractor recovery case (survey-service). */
@RegisterForReflection
public record Case(@Id @NonNull String id, @NonNull String storeId, String responseId, int score, @NonNull CaseStage stage,
        @NonNull CaseStatus status, boolean overdue, @NonNull OffsetDateTime openedAt, OffsetDateTime dueAt,
        @NonNull String ownerRole, CaseCustomer customer, String comment, List<@NonNull String> reasons,
        String closeReason) {
}
