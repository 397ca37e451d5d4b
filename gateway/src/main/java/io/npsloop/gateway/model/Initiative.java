package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** An improvement initiative (analytics-service {@code /api/v1/initiatives}); its {@code effect} is resolved on demand. */
@RegisterForReflection
public record Initiative(@Id @NonNull String id, @NonNull String name, @NonNull InitiativeCategory category,
        @NonNull List<@NonNull String> storeIds, @NonNull LocalDate startDate, LocalDate endDate, long costCents,
        String createdBy, OffsetDateTime createdAt) {

    public Initiative {
        storeIds = storeIds == null ? List.of() : storeIds;
    }
}
