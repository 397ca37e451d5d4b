package io.npsloop.survey.webhook;

import io.npsloop.survey.common.Times;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Enqueues an outbound webhook delivery inside the caller's transaction (nothing is sent for a rolled-back
 * order). {@link DeliveryWorker} sends it. The idempotency key is unique: the same message is never enqueued twice.
 */
@ApplicationScoped
public class DeliveryOutbox {

    private final NpsloopConfig config;
    private final EventOutbox outbox;
    private final Clock clock;

    DeliveryOutbox(NpsloopConfig config, EventOutbox outbox, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.invitations().webhookUrl().filter(u -> !u.isBlank()).isPresent();
    }

    /** Answers true when a row was enqueued (false when disabled or already enqueued under this key). */
    public Uni<Boolean> enqueue(SqlClient conn, String kind, UUID invitationId, String idempotencyKey,
                                Map<String, Object> payload) {
        if (!enabled()) {
            return Uni.createFrom().item(false);
        }
        var now = Times.utc(clock.instant());
        return conn.preparedQuery("INSERT INTO delivery (kind, invitation_id, idempotency_key, payload, status, "
                        + "next_attempt_at, created_at) VALUES ($1, $2, $3, $4::text::jsonb, 'PENDING', $5, $5) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Tuple.of(kind, invitationId, idempotencyKey, outbox.toJson(payload), now))
                .map(rs -> rs.rowCount() == 1);
    }
}
