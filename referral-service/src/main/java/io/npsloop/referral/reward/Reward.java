package io.npsloop.referral.reward;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A ledger entry as the manager API shows it (promoterKey only, never a name or phone). */
@RegisterForReflection
public record Reward(UUID id, UUID bookingId, String code, String storeId, String promoterKey, long amountCents, String status,
                     String reason, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<AuditEntry> audit) {

    @RegisterForReflection
    public record AuditEntry(String from, String to, String actor, String reason, OffsetDateTime at) {
    }

    static Reward of(Row r, List<AuditEntry> audit) {
        return new Reward(r.getUUID("id"), r.getUUID("booking_id"), r.getString("code"), r.getString("store_id"),
                r.getString("promoter_key"), r.getLong("amount_cents"), r.getString("status"), r.getString("reason"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), audit);
    }
}
