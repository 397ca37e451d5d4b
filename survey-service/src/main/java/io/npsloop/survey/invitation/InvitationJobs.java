package io.npsloop.survey.invitation;

import io.npsloop.survey.common.PeriodicJob;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.order.OrderService;
import io.npsloop.survey.webhook.DeliveryOutbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Invitation housekeeping on the reactive Pool: marks expired invitations (InvitationExpired) and sends the one
 * reminder (InvitationReminded + a REMINDER delivery) — never to an opted-out customer, never twice
 * ({@code reminded_at} is set in the same transaction), never after an answer (the row is locked against the
 * response transaction and must still be PENDING/OPENED).
 */
@ApplicationScoped
public class InvitationJobs {

    static final String EXPIRE = """
            UPDATE invitation SET status = 'EXPIRED', expired_at = $1
            WHERE id IN (SELECT id FROM invitation WHERE status IN ('PENDING', 'OPENED') AND expires_at <= $1
                         ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING id, order_id, store_id""";

    static final String DUE_REMINDERS = """
            SELECT i.id, i.order_id, i.store_id, i.token, i.expires_at, o.customer_phone, o.customer_name
            FROM invitation i
            JOIN service_order o ON o.order_id = i.order_id
            JOIN contact c ON c.customer_key = i.customer_key
            WHERE i.status IN ('PENDING', 'OPENED') AND i.reminded_at IS NULL AND i.created_at <= $1
              AND i.expires_at > $2 AND c.opted_out_at IS NULL AND NOT c.do_not_survey
            ORDER BY i.created_at LIMIT 200
            FOR UPDATE OF i SKIP LOCKED""";

    private final Pool pool;
    private final Vertx vertx;
    private final NpsloopConfig config;
    private final EventOutbox outbox;
    private final DeliveryOutbox deliveries;
    private final OrderService orders;
    private final Clock clock;
    private final PeriodicJob expiry = new PeriodicJob("invitation expiry");
    private final PeriodicJob reminders = new PeriodicJob("invitation reminders");

    InvitationJobs(Pool pool, Vertx vertx, NpsloopConfig config, EventOutbox outbox, DeliveryOutbox deliveries,
                   OrderService orders, Clock clock) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.orders = orders;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ev) {
        expiry.start(vertx, config.invitations().expiryInterval(), this::expireOnce);
        if (config.invitations().reminder().enabled() && deliveries.enabled()) {
            reminders.start(vertx, config.invitations().reminder().interval(), this::remindOnce);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        expiry.stop(vertx);
        reminders.stop(vertx);
    }

    public Uni<Integer> expireOnce() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery(EXPIRE).execute(Tuple.of(Times.utc(now)))
                .flatMap(rows -> {
                    List<EventOutbox.Pending> events = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("invitationId", r.getUUID("id").toString());
                        e.put("orderId", r.getString("order_id"));
                        e.put("storeId", r.getString("store_id"));
                        e.put("expiredAt", Times.iso(now, config.zone()));
                        events.add(new EventOutbox.Pending("InvitationExpired", e));
                    }
                    return outbox.appendAll(conn, events).map(x -> events.size());
                }));
    }

    public Uni<Integer> remindOnce() {
        Instant now = clock.instant();
        Instant createdBefore = now.minus(config.invitations().reminder().delay());
        return pool.withTransaction(conn -> conn.preparedQuery(DUE_REMINDERS)
                .execute(Tuple.of(Times.utc(createdBefore), Times.utc(now)))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(r -> {
                        var id = r.getUUID("id");
                        Map<String, Object> delivery = new LinkedHashMap<>();
                        delivery.put("type", "REMINDER");
                        delivery.put("invitationId", id.toString());
                        delivery.put("orderId", r.getString("order_id"));
                        delivery.put("storeId", r.getString("store_id"));
                        delivery.put("phone", r.getString("customer_phone"));
                        delivery.put("name", r.getString("customer_name"));
                        delivery.put("surveyUrl", orders.surveyUrl(r.getString("token")));
                        delivery.put("expiresAt", Times.iso(Times.instant(r, "expires_at"), config.zone()));
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("invitationId", id.toString());
                        e.put("orderId", r.getString("order_id"));
                        e.put("storeId", r.getString("store_id"));
                        e.put("remindedAt", Times.iso(now, config.zone()));
                        return conn.preparedQuery("UPDATE invitation SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
                                .execute(Tuple.of(id, Times.utc(now)))
                                .flatMap(x -> deliveries.enqueue(conn, "REMINDER", id, "reminder-" + id, delivery))
                                .flatMap(x -> outbox.append(conn, "InvitationReminded", e));
                    }).collect().asList().map(List::size);
                }));
    }
}
