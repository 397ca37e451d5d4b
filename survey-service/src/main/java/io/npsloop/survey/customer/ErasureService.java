package io.npsloop.survey.customer;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.response.CommentMasker;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Right to erasure, in one transaction: every order of the customer (by the order system's customer id, and every
 * order sharing one of its customerKeys, i.e. the same phone) loses name, phone and plate — in its columns and in
 * the stored request payload; invitation deliveries lose phone and name; raw comments are replaced by the masked
 * ones; staff notes on the customer's recovery cases are masked; pending re-surveys are skipped. Scores, segments
 * and the pseudonymous customerKey stay (anonymous statistics and the opt-out list). CustomerErased is published
 * once per customerKey per erasure that changed something; a repeated DELETE changes nothing and publishes nothing.
 */
@ApplicationScoped
public class ErasureService {

    private final Tx tx;
    private final EventOutbox outbox;
    private final Clock clock;

    ErasureService(Tx tx, EventOutbox outbox, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> erase(String customerId, String actor) {
        return tx.run(conn -> conn.preparedQuery("SELECT array_agg(DISTINCT customer_key) FILTER (WHERE customer_key IS NOT NULL) "
                        + "AS keys, count(*) AS n FROM service_order WHERE customer_id = $1").execute(Tuple.of(customerId))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    long n = r.getLong("n");
                    String[] keyArr = r.getArrayOfStrings("keys");
                    List<String> keys = keyArr == null ? List.of() : Arrays.asList(keyArr);
                    if (n == 0) {
                        return conn.preparedQuery("SELECT 1 FROM erased_customer WHERE customer_id = $1").execute(Tuple.of(customerId))
                                .flatMap(e -> e.rowCount() > 0 ? Uni.createFrom().voidItem()
                                        : Uni.createFrom().failure(ProblemException.notFound("No customer " + customerId + ".")));
                    }
                    return erase(conn, customerId, keys.toArray(new String[0]), actor);
                }));
    }

    private Uni<Void> erase(SqlConnection conn, String customerId, String[] keys, String actor) {
        var now = Times.utc(clock.instant());
        Tuple scope = Tuple.of(customerId, keys);
        String orders = "(SELECT order_id FROM service_order WHERE customer_id = $1 OR customer_key = ANY ($2))";
        return conn.preparedQuery("UPDATE service_order SET customer_phone = NULL, customer_name = NULL, "
                        + "payload = CASE WHEN payload ~ '^\\s*\\{' THEN (payload::jsonb #- '{customer,phone}' #- '{customer,name}' "
                        + "#- '{customer,plate}')::text ELSE '{\"erased\":true}' END "
                        + "WHERE (customer_id = $1 OR customer_key = ANY ($2)) AND (customer_phone IS NOT NULL "
                        + "OR customer_name IS NOT NULL) RETURNING order_id")
                .execute(scope)
                .flatMap(changed -> {
                    if (changed.rowCount() == 0) {
                        return conn.preparedQuery("INSERT INTO erased_customer (customer_id, customer_keys, erased_at, erased_by) "
                                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO NOTHING")
                                .execute(Sql.t(customerId, keys, now, actor)).replaceWithVoid();
                    }
                    return conn.preparedQuery("UPDATE delivery SET payload = payload - 'phone' - 'name' WHERE invitation_id IN "
                                    + "(SELECT id FROM invitation WHERE order_id IN " + orders + ")").execute(scope)
                            .flatMap(x -> conn.preparedQuery("UPDATE response SET comment = comment_masked WHERE order_id IN "
                                    + orders + " AND comment IS DISTINCT FROM comment_masked").execute(scope))
                            .flatMap(x -> maskCaseNotes(conn, orders, scope))
                            .flatMap(x -> conn.preparedQuery("UPDATE resurvey SET status = 'SKIPPED', done_at = $3 WHERE status = 'PENDING' "
                                    + "AND order_id IN " + orders).execute(Tuple.of(customerId, keys, now)))
                            .flatMap(x -> conn.preparedQuery("INSERT INTO erased_customer (customer_id, customer_keys, erased_at, erased_by) "
                                            + "VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO UPDATE SET erased_at = EXCLUDED.erased_at, "
                                            + "customer_keys = EXCLUDED.customer_keys, erased_by = EXCLUDED.erased_by")
                                    .execute(Sql.t(customerId, keys, now, actor)))
                            .flatMap(x -> {
                                Set<String> distinct = new LinkedHashSet<>(Arrays.asList(keys));
                                List<EventOutbox.Pending> events = new ArrayList<>();
                                distinct.forEach(k -> events.add(new EventOutbox.Pending("CustomerErased", Map.of("customerKey", k))));
                                return outbox.appendAll(conn, events);
                            });
                });
    }

    private Uni<Void> maskCaseNotes(SqlConnection conn, String orders, Tuple scope) {
        return conn.preparedQuery("SELECT id, first_contact_notes, apology, compensation, process_fix, gm_follow_up_notes, "
                        + "close_reason FROM recovery_case WHERE order_id IN " + orders).execute(scope)
                .flatMap(rows -> {
                    List<Tuple> updates = new ArrayList<>();
                    rows.forEach(r -> updates.add(Sql.t(r.getUUID("id"), CommentMasker.mask(r.getString("first_contact_notes")),
                            CommentMasker.mask(r.getString("apology")), CommentMasker.mask(r.getString("compensation")),
                            CommentMasker.mask(r.getString("process_fix")), CommentMasker.mask(r.getString("gm_follow_up_notes")),
                            CommentMasker.mask(r.getString("close_reason")))));
                    if (updates.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom().iterable(updates).onItem().transformToUniAndConcatenate(t ->
                                    conn.preparedQuery("UPDATE recovery_case SET first_contact_notes = $2, apology = $3, "
                                            + "compensation = $4, process_fix = $5, gm_follow_up_notes = $6, close_reason = $7 "
                                            + "WHERE id = $1").execute(t))
                            .collect().last().replaceWithVoid();
                });
    }
}
