package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Input;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.LocalDate;
import java.util.List;

/** Filter of the detractor case board. */
@Input("CaseFilter")
@RegisterForReflection
public record CaseFilter(@Nullable List<@NonNull String> storeIds, @Nullable List<@NonNull CaseStatus> statuses,
        @Nullable List<@NonNull CaseStage> stages, Boolean overdue, LocalDate from, LocalDate to) {

    public static CaseFilter none() {
        return new CaseFilter(null, null, null, null, null, null);
    }
}
