package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A passive (7–8) on the activation worklist (survey-service). */
@RegisterForReflection
public record Passive(@Id @NonNull String id, @NonNull String storeId, String responseId, int score, String type, String status,
        OffsetDateTime createdAt, OffsetDateTime dueAt, CaseCustomer customer, String suggestion) {
}
