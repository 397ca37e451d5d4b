package io.npsloop.survey.webhook;

import io.npsloop.survey.common.PeriodicJob;
import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.config.NpsloopConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the delivery outbox to {@code npsloop.invitations.webhook-url}. Due rows are claimed in a short
 * transaction ({@code FOR UPDATE SKIP LOCKED}, several instances never claim the same row) by moving their next
 * attempt a lease ahead; then each is POSTed with an {@code Idempotency-Key} header. 2xx marks it SENT (never sent
 * again); anything else schedules a retry with exponential back-off. A row whose outcome was never recorded (the
 * instance died) is retried when its lease ends. Reminders for answered/expired invitations and anything for an
 * opted-out customer are cancelled instead of sent.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    static final String CANCEL = """
            UPDATE delivery d SET status = 'CANCELLED', last_error = 'cancelled: ' || CASE
                WHEN c.opted_out_at IS NOT NULL OR c.do_not_survey THEN 'customer opted out'
                ELSE 'invitation ' || lower(i.status) END
            FROM invitation i LEFT JOIN contact c ON c.customer_key = i.customer_key
            WHERE d.invitation_id = i.id AND d.status = 'PENDING' AND d.next_attempt_at <= $1
              AND (c.opted_out_at IS NOT NULL OR coalesce(c.do_not_survey, FALSE)
                   OR (d.kind = 'REMINDER' AND i.status IN ('ANSWERED', 'EXPIRED')))""";

    static final String CLAIM = """
            UPDATE delivery SET next_attempt_at = $2, attempts = attempts + 1
            WHERE id IN (SELECT id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= $1
                         ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, idempotency_key, payload::text AS payload, attempts""";

    private final Pool pool;
    private final Vertx vertx;
    private final NpsloopConfig config;
    private final DeliveryOutbox outbox;
    private final Clock clock;
    private final PeriodicJob job = new PeriodicJob("webhook delivery");
    private WebClient client;

    DeliveryWorker(Pool pool, Vertx vertx, NpsloopConfig config, DeliveryOutbox outbox, Clock clock) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ev) {
        if (!outbox.enabled()) {
            return;
        }
        client = WebClient.create(vertx);
        job.start(vertx, config.invitations().delivery().pollInterval(), this::runOnce);
    }

    void stop(@Observes ShutdownEvent ev) {
        job.stop(vertx);
        if (client != null) {
            client.close();
        }
    }

    record Claimed(long id, String kind, String key, String payload, int attempts) {
    }

    /** One pass: cancel what must not go out, claim what is due, send it. Answers how many were sent. */
    public Uni<Integer> runOnce() {
        NpsloopConfig.Invitations.Delivery d = config.invitations().delivery();
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery(CANCEL).execute(Tuple.of(Times.utc(now)))
                        .flatMap(x -> conn.preparedQuery(CLAIM)
                                .execute(Tuple.of(Times.utc(now), Times.utc(now.plus(d.lease())), d.batch()))))
                .flatMap(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getString("kind"), r.getString("idempotency_key"),
                                r.getString("payload"), r.getInteger("attempts")));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUni(this::send).merge(8)
                            .collect().asList()
                            .map(list -> (int) list.stream().filter(b -> b).count());
                });
    }

    /** When set, every delivery carries {@code X-NpsLoop-Signature} (see recovery.alert.Signatures); unset: unsigned as before. */
    @jakarta.inject.Inject
    io.npsloop.survey.recovery.alert.WebhookSigning signing;

    private Uni<Boolean> send(Claimed c) {
        String url = config.invitations().webhookUrl().orElseThrow();
        var request = client.postAbs(url)
                .timeout(config.invitations().delivery().timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", c.key())
                .putHeader("X-Npsloop-Delivery-Kind", c.kind());
        signing.signingSecret().filter(secret -> !secret.isBlank()).ifPresent(secret -> request.putHeader(
                io.npsloop.survey.recovery.alert.Signatures.HEADER,
                io.npsloop.survey.recovery.alert.Signatures.sign(secret, clock.instant().getEpochSecond(), c.payload())));
        return request
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(c.payload())))
                .map(resp -> resp.statusCode() >= 200 && resp.statusCode() < 300 ? null : "HTTP " + resp.statusCode())
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .flatMap(error -> error == null ? markSent(c) : retryLater(c, error));
    }

    private Uni<Boolean> markSent(Claimed c) {
        return pool.preparedQuery("UPDATE delivery SET status = 'SENT', sent_at = $2, last_error = NULL WHERE id = $1")
                .execute(Tuple.of(c.id(), Times.utc(clock.instant()))).map(x -> true);
    }

    private Uni<Boolean> retryLater(Claimed c, String error) {
        Duration wait = backoff(c.attempts(), config.invitations().delivery().backoffInitial(),
                config.invitations().delivery().backoffMax());
        LOG.infof("webhook delivery %d (%s) failed on attempt %d: %s; retry in %s", c.id(), c.kind(), c.attempts(), error, wait);
        return pool.preparedQuery("UPDATE delivery SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'PENDING'")
                .execute(Sql.t(c.id(), Times.utc(clock.instant().plus(wait)), error.length() > 500 ? error.substring(0, 500) : error))
                .map(x -> false);
    }

    /** initial · 2^(attempts-1), capped. */
    public static Duration backoff(int attempts, Duration initial, Duration max) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        Duration d = initial.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }
}
