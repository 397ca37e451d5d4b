package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
/** A promoter reward ledger entry (referral-service). */
@RegisterForReflection
public record Reward(@Id @NonNull String id, String code, @NonNull String storeId, int amountCents, @NonNull RewardStatus status,
        OffsetDateTime createdAt, String reason) {
}
