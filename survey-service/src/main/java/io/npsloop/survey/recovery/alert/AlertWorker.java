package io.npsloop.survey.recovery.alert;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.recovery.RecoveryConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends PENDING case alerts (on the reactive Pool, not Hibernate): a claim transaction takes due rows with
 * {@code FOR UPDATE SKIP LOCKED} and leases them (several replicas never send the same row at once; a sender that
 * dies is retried after the lease), then each is POSTed with {@code X-NpsLoop-Signature} and
 * {@code X-NpsLoop-Alert-Id} (the idempotency key, for receivers that deduplicate). 2xx → SENT (never sent again);
 * anything else → retried with doubling back-off capped at backoffMax. Rows are never deleted.
 */
@ApplicationScoped
public class AlertWorker {

    private static final Logger LOG = Logger.getLogger(AlertWorker.class);

    private final Pool pool;
    private final RecoveryConfig config;
    private final Clock clock;
    private final HttpClient http;
    private volatile boolean warned;

    AlertWorker(Pool pool, RecoveryConfig config, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.alerts().timeout().toMillis()));
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }

    @Scheduled(every = "${npsloop.recovery.alerts.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        if (!config.alerts().workerEnabled() || config.alerts().webhookUrl().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (config.alerts().signingSecret().filter(s -> !s.isBlank()).isEmpty()) {
            if (!warned) {
                warned = true;
                LOG.error("npsloop.recovery.alerts.signing-secret is not set: case alerts are kept PENDING, not sent unsigned");
            }
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("alert pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private record Claimed(long id, String key, String payload, int attempts) {
    }

    /** One pass: claims due alerts and sends them; answers how many were sent successfully. */
    public Uni<Integer> runOnce() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE case_alert a SET next_attempt_at = $2, "
                                + "attempts = a.attempts + 1 FROM (SELECT id FROM case_alert WHERE status = 'PENDING' "
                                + "AND next_attempt_at <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) d WHERE a.id = d.id "
                                + "RETURNING a.id, a.idempotency_key, a.payload::text AS payload, a.attempts")
                        .execute(Sql.t(Times.utc(now), Times.utc(now.plus(config.alerts().lease())), config.alerts().batch())))
                .flatMap(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getString("idempotency_key"), r.getString("payload"),
                                r.getInteger("attempts")));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUniAndConcatenate(this::send)
                            .collect().asList()
                            .map(l -> (int) l.stream().filter(Boolean::booleanValue).count());
                });
    }

    private Uni<Boolean> send(Claimed c) {
        String url = config.alerts().webhookUrl().orElseThrow();
        long t = clock.instant().getEpochSecond();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(config.alerts().timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(Signatures.HEADER, Signatures.sign(config.alerts().signingSecret().orElseThrow(), t, c.payload()))
                .putHeader("X-NpsLoop-Alert-Id", c.key());
        return http.request(options)
                .flatMap(req -> req.send(Buffer.buffer(c.payload())))
                .flatMap(resp -> resp.body().map(b -> resp.statusCode()))
                .ifNoItem().after(config.alerts().timeout()).fail()
                .map(status -> status >= 200 && status < 300 ? null : "HTTP " + status)
                .onFailure().recoverWithItem(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .flatMap(error -> record(c, error));
    }

    private Uni<Boolean> record(Claimed c, String error) {
        Instant now = clock.instant();
        if (error == null) {
            return pool.preparedQuery("UPDATE case_alert SET status = 'SENT', sent_at = $2, last_error = NULL "
                            + "WHERE id = $1 AND status = 'PENDING'").execute(Sql.t(c.id(), Times.utc(now)))
                    .replaceWith(true);
        }
        Duration backoff = backoff(c.attempts());
        LOG.debugf("alert %s attempt %d failed (%s); retry in %s", c.key(), c.attempts(), error, backoff);
        return pool.preparedQuery("UPDATE case_alert SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'PENDING'")
                .execute(Sql.t(c.id(), Times.utc(now.plus(backoff)), error.length() > 500 ? error.substring(0, 500) : error))
                .replaceWith(false);
    }

    Duration backoff(int attempts) {
        Duration d = config.alerts().backoffInitial();
        for (int i = 1; i < attempts && d.compareTo(config.alerts().backoffMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.alerts().backoffMax()) > 0 ? config.alerts().backoffMax() : d;
    }
}
