package io.npsloop.survey.recovery.passive;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.recovery.CaseView;
import io.npsloop.survey.recovery.Who;
import io.npsloop.survey.recovery.audit.Disclosures;
import io.npsloop.survey.response.StoredResponse;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The passive (7–8) activation worklist: typed at response time, listed by scope, marked done. */
@ApplicationScoped
public class PassiveService {

    static final String VIEW = "SELECT p.*, s.region_id, o.customer_name, o.customer_phone, r.reasons "
            + "FROM passive_task p LEFT JOIN store s ON s.id = p.store_id "
            + "LEFT JOIN service_order o ON o.order_id = p.order_id LEFT JOIN response r ON r.id = p.response_id";

    private final Tx tx;
    private final NpsloopConfig npsloop;
    private final Disclosures disclosures;
    private final Clock clock;

    PassiveService(Tx tx, NpsloopConfig npsloop, Disclosures disclosures, Clock clock) {
        this.tx = tx;
        this.npsloop = npsloop;
        this.disclosures = disclosures;
        this.clock = clock;
    }

    public Uni<Void> add(SqlClient conn, StoredResponse r) {
        PassiveClassifier.Type type = PassiveClassifier.classify(r.reasons(), r.ratings(), r.comment());
        return conn.preparedQuery("INSERT INTO passive_task (id, response_id, order_id, store_id, customer_key, score, "
                        + "passive_type, action, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9) "
                        + "ON CONFLICT (response_id) DO NOTHING")
                .execute(Sql.t(UUID.randomUUID(), r.responseId(), r.orderId(), r.storeId(), r.customerKey(),
                        (short) r.score(), type.name(), type.action, Times.utc(r.answeredAt())))
                .replaceWithVoid();
    }

    /** {@link #add} for many responses in one statement (import batches). */
    public Uni<Void> addAll(SqlClient conn, List<StoredResponse> rs) {
        if (rs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rs.size();
        UUID[] id = new UUID[n], rid = new UUID[n];
        String[] oid = new String[n], sid = new String[n], ckey = new String[n], type = new String[n], action = new String[n];
        Short[] score = new Short[n];
        java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            StoredResponse r = rs.get(i);
            PassiveClassifier.Type t = PassiveClassifier.classify(r.reasons(), r.ratings(), r.comment());
            id[i] = UUID.randomUUID();
            rid[i] = r.responseId();
            oid[i] = r.orderId();
            sid[i] = r.storeId();
            ckey[i] = r.customerKey();
            score[i] = (short) r.score();
            type[i] = t.name();
            action[i] = t.action;
            at[i] = Times.utc(r.answeredAt());
        }
        return conn.preparedQuery("INSERT INTO passive_task (id, response_id, order_id, store_id, customer_key, score, "
                        + "passive_type, action, status, created_at) SELECT i, r, o, s, k, sc, t, a, 'OPEN', c "
                        + "FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int2[], $7::text[], "
                        + "$8::text[], $9::timestamptz[]) WITH ORDINALITY AS x(i, r, o, s, k, sc, t, a, c, ord) ORDER BY ord "
                        + "ON CONFLICT (response_id) DO NOTHING")
                .execute(Sql.t(id, rid, oid, sid, ckey, score, type, action, at))
                .replaceWithVoid();
    }

    public record Filter(String storeId, String type, String status, int limit, Long after) {
    }

    public Uni<CaseView.Page<PassiveView>> list(Who who, Filter f) {
        who.requireList();
        if (f.storeId() != null && !who.hq() && !who.regionManager() && !who.stores().contains(f.storeId())) {
            throw ProblemException.forbidden("Store " + f.storeId() + " is outside your scope.");
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(VIEW).append(" WHERE TRUE");
        if (!who.hq()) {
            args.add(who.storeScope().toArray(new String[0]));
            sql.append(" AND (p.store_id = ANY($").append(args.size()).append(")");
            args.add(who.regionScope().toArray(new String[0]));
            sql.append(" OR s.region_id = ANY($").append(args.size()).append("))");
        }
        if (f.storeId() != null) {
            args.add(f.storeId());
            sql.append(" AND p.store_id = $").append(args.size());
        }
        if (f.type() != null) {
            args.add(f.type());
            sql.append(" AND p.passive_type = $").append(args.size());
        }
        if (f.status() != null) {
            args.add(f.status());
            sql.append(" AND p.status = $").append(args.size());
        }
        // the count sees the same filters and scope, not the cursor or the limit
        String counted = "SELECT count(*) FROM (" + sql + ") listed";
        List<Object> countArgs = new ArrayList<>(args);
        if (f.after() != null) {
            args.add(f.after());
            sql.append(" AND p.seq < $").append(args.size());
        }
        args.add(f.limit() + 1);
        sql.append(" ORDER BY p.seq DESC LIMIT $").append(args.size());
        return tx.run(conn -> conn.preparedQuery(counted).execute(Tuple.from(countArgs))
                .map(count -> count.iterator().next().getLong(0))
                .flatMap(total -> conn.preparedQuery(sql.toString()).execute(Tuple.from(args)).flatMap(rows ->
                disclosures.page(conn, who, "GET /api/v1/passives", rows, f.limit(), r -> toView(who, r),
                        v -> v.customer() == null ? null : new Disclosures.Subject("PASSIVE", v.id(), v.storeId())))
                .map(page -> page.withTotal(total))));
    }

    /** Marks a task done (STORE_MANAGER or above at its store); done twice → 409. */
    public Uni<PassiveView> done(Who who, UUID id) {
        return tx.run(conn -> conn.preparedQuery(VIEW + " WHERE p.id = $1 FOR UPDATE OF p").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("No passive task " + id + "."));
                    }
                    Row r = rows.iterator().next();
                    if (!who.mayAct(r.getString("store_id"), Roles.STORE_MANAGER)) {
                        return Uni.createFrom().failure(ProblemException.forbidden(
                                "Only STORE_MANAGER or a higher role at store " + r.getString("store_id") + " may do this."));
                    }
                    if ("DONE".equals(r.getString("status"))) {
                        return Uni.createFrom().failure(ProblemException.conflict("This passive task is already done."));
                    }
                    return conn.preparedQuery("UPDATE passive_task SET status = 'DONE', done_at = $2, done_by = $3 WHERE id = $1")
                            .execute(Sql.t(id, Times.utc(clock.instant()), who.sub()))
                            .flatMap(x -> reread(conn, who, id));
                }));
    }

    private Uni<PassiveView> reread(SqlConnection conn, Who who, UUID id) {
        return conn.preparedQuery(VIEW + " WHERE p.id = $1").execute(Tuple.of(id)).flatMap(rows -> {
            PassiveView v = toView(who, rows.iterator().next());
            return v.customer() == null ? Uni.createFrom().item(v)
                    : disclosures.record(conn, who, "POST /api/v1/passives/{id}/done",
                    List.of(new Disclosures.Subject("PASSIVE", v.id(), v.storeId()))).replaceWith(v);
        });
    }

    private PassiveView toView(Who who, Row r) {
        boolean contact = who.mayContact(r.getString("store_id"), r.getString("region_id"), Roles.STORE_MANAGER);
        CaseView.Customer customer = contact
                && (r.getString("customer_name") != null || r.getString("customer_phone") != null)
                ? new CaseView.Customer(r.getString("customer_name"), r.getString("customer_phone")) : null;
        PassiveClassifier.Type type = PassiveClassifier.Type.valueOf(r.getString("passive_type"));
        String[] reasons = r.getArrayOfStrings("reasons");
        return new PassiveView(r.getUUID("id"), r.getString("store_id"), r.getUUID("response_id"), r.getShort("score"),
                type.name(), type.action, type.description, reasons == null ? List.of() : Arrays.asList(reasons),
                r.getString("status"), Times.odt(Times.instant(r, "created_at"), npsloop.zone()),
                Times.odt(Times.instant(r, "done_at"), npsloop.zone()), customer);
    }
}
