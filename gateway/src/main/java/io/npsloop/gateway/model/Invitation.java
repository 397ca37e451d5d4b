package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A survey invitation (survey-service). */
@RegisterForReflection
public record Invitation(@Id @NonNull String id, @NonNull String storeId, String orderId, String status, String channel,
        OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime answeredAt) {
}
