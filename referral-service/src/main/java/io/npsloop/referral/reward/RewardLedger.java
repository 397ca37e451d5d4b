package io.npsloop.referral.reward;

import io.npsloop.referral.config.Times;
import io.npsloop.referral.feed.Outbox;
import io.npsloop.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The promoters' reward ledger: PENDING → APPROVED → ISSUED, or REJECTED (with a reason) from PENDING or
 * APPROVED. Every change writes an audit row and a RewardStateChanged event in the caller's transaction.
 */
@ApplicationScoped
public class RewardLedger {

    public static final Map<String, Set<String>> LEGAL = Map.of(
            "PENDING", Set.of("APPROVED", "REJECTED"),
            "APPROVED", Set.of("ISSUED", "REJECTED"),
            "ISSUED", Set.of(),
            "REJECTED", Set.of());

    @RegisterForReflection
    public record RewardStateChanged(UUID rewardId, String code, String storeId, String promoterKey, long amountCents,
                                     String from, String to, String reason, String actor, OffsetDateTime changedAt) {
    }

    private final Outbox outbox;
    private final Times times;

    RewardLedger(Outbox outbox, Times times) {
        this.outbox = outbox;
        this.times = times;
    }

    public static boolean legal(String from, String to) {
        return LEGAL.getOrDefault(from, Set.of()).contains(to);
    }

    public Uni<UUID> create(SqlClient tx, UUID bookingId, String code, String storeId, String promoterKey, long amountCents) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = times.nowZoned();
        return tx.preparedQuery("""
                        INSERT INTO reward (id, booking_id, code, store_id, promoter_key, amount_cents, status, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $7)""")
                .execute(Tuple.from(java.util.Arrays.asList(id, bookingId, code, storeId, promoterKey, amountCents, now)))
                .chain(() -> audit(tx, id, null, "PENDING", "system", null, now))
                .chain(() -> outbox.append(tx, "RewardStateChanged",
                        new RewardStateChanged(id, code, storeId, promoterKey, amountCents, null, "PENDING", null, "system", now)))
                .replaceWith(id);
    }

    /** Moves a reward (row already locked by the caller) or answers 409 for an illegal transition. */
    public Uni<Void> transition(SqlClient tx, Reward r, String to, String actor, String reason) {
        if (!legal(r.status(), to)) {
            return Uni.createFrom().failure(ProblemException.conflict(
                    "A reward in status " + r.status() + " cannot become " + to + "."));
        }
        OffsetDateTime now = times.nowZoned();
        return tx.preparedQuery("UPDATE reward SET status = $2, reason = $3, updated_at = $4 WHERE id = $1")
                .execute(Tuple.of(r.id(), to, reason, now))
                .chain(() -> audit(tx, r.id(), r.status(), to, actor, reason, now))
                .chain(() -> outbox.append(tx, "RewardStateChanged", new RewardStateChanged(r.id(), r.code(), r.storeId(),
                        r.promoterKey(), r.amountCents(), r.status(), to, reason, actor, now)));
    }

    private Uni<Void> audit(SqlClient tx, UUID id, String from, String to, String actor, String reason, OffsetDateTime at) {
        return tx.preparedQuery("INSERT INTO reward_audit (reward_id, from_status, to_status, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.from(java.util.Arrays.asList(id, from, to, actor, reason, at))).replaceWithVoid();
    }
}
