package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Input;
import io.smallrye.graphql.api.Nullable;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.OffsetDateTime;
import java.util.List;

/** Inputs of the recovery SOP mutations; each is sent as the JSON body of the matching survey-service action. */
public final class CaseInputs {

    private CaseInputs() {
    }

    /** Step 1 (≤ 1 h): the phone call — listen, don't interrupt, don't explain, don't shift blame. */
    @Input("FirstContactInput")
    @RegisterForReflection
    public record FirstContact(@NonNull String note, OffsetDateTime contactedAt, Boolean reached) {
    }

    /** Step 2 (≤ 4 h): severity matrix (technical/attitude × one/many customers) and the remedy plan. */
    @Input("ClassificationInput")
    @RegisterForReflection
    public record Classification(@NonNull IssueCategory category, @NonNull IssueScope scope, @NonNull String plan,
            @Nullable List<@NonNull String> reasons) {
    }

    /** Step 3 (≤ 8 h): apology, more-than-expected compensation, process fix. */
    @Input("RemedyInput")
    @RegisterForReflection
    public record Remedy(@NonNull String actions, Integer compensationCents, String processFix) {
    }

    /** Step 4 (≤ 24 h): the general manager's personal follow-up call. */
    @Input("GmFollowUpInput")
    @RegisterForReflection
    public record GmFollowUp(@NonNull String note, Boolean satisfied) {
    }

    /** End of the case: RECOVERED, or ABANDONED with a reason (e.g. bought elsewhere). */
    @Input("CloseCaseInput")
    @RegisterForReflection
    public record Close(@NonNull CaseOutcome outcome, String reason) {
    }
}
