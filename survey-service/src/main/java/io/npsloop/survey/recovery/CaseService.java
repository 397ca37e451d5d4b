package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.recovery.alert.AlertOutbox;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Detractor recovery cases: opening (inside the response transaction), reads with the visibility rules and the
 * disclosure audit, and the SOP's stage transitions. Every write locks the case row ({@code FOR UPDATE}), checks
 * the caller's authority (403) and the state (409) before changing anything, and appends its event in the same
 * transaction.
 */
@ApplicationScoped
public class CaseService {

    static final String VIEW = "SELECT c.*, (c.current_due IS NOT NULL AND c.current_due < $1) AS is_overdue, "
            + "s.region_id, o.customer_name, o.customer_phone, r.comment AS raw_comment, r.comment_masked, r.reasons "
            + "FROM recovery_case c LEFT JOIN store s ON s.id = c.store_id "
            + "LEFT JOIN service_order o ON o.order_id = c.order_id LEFT JOIN response r ON r.id = c.response_id";

    private final Tx tx;
    private final RecoveryConfig config;
    private final NpsloopConfig npsloop;
    private final EventOutbox outbox;
    private final AlertOutbox alerts;
    private final Disclosures disclosures;
    private final Clock clock;

    CaseService(Tx tx, RecoveryConfig config, NpsloopConfig npsloop, EventOutbox outbox, AlertOutbox alerts,
                Disclosures disclosures, Clock clock) {
        this.tx = tx;
        this.config = config;
        this.npsloop = npsloop;
        this.outbox = outbox;
        this.alerts = alerts;
        this.disclosures = disclosures;
        this.clock = clock;
    }

    // ---- opening

    /** Opens the case of a detractor response through {@code conn} (the response's transaction); idempotent. */
    public Uni<Void> open(SqlClient conn, StoredResponse r) {
        UUID id = UUID.randomUUID();
        Instant at = r.answeredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
        Instant now = clock.instant();
        RecoveryConfig.Deadlines d = config.deadlines();
        Instant fc = at.plus(d.firstContact());
        Instant an = at.plus(d.analysis());
        Instant re = at.plus(d.remedy());
        Instant gm = at.plus(d.gmFollowUp());
        return conn.preparedQuery("INSERT INTO recovery_case (id, response_id, order_id, store_id, customer_key, score, stage, "
                        + "status, owner_role, opened_at, due_first_contact, due_analysis, due_remedy, due_gm_follow_up, updated_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, 'FIRST_CONTACT', 'OPEN', $7, $8, $9, $10, $11, $12, $13) "
                        + "ON CONFLICT (response_id) DO NOTHING")
                .execute(Sql.t(id, r.responseId(), r.orderId(), r.storeId(), r.customerKey(), (short) r.score(),
                        Roles.STORE_MANAGER, Times.utc(at), Times.utc(fc), Times.utc(an), Times.utc(re), Times.utc(gm),
                        Times.utc(now)))
                .flatMap(rs -> {
                    if (rs.rowCount() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    Map<String, Object> due = new LinkedHashMap<>();
                    due.put("FIRST_CONTACT", iso(fc));
                    due.put("ANALYSIS", iso(an));
                    due.put("REMEDY", iso(re));
                    due.put("GM_FOLLOW_UP", iso(gm));
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("caseId", id.toString());
                    e.put("responseId", r.responseId().toString());
                    e.put("storeId", r.storeId());
                    e.put("score", r.score());
                    e.put("ownerRole", Roles.STORE_MANAGER);
                    e.put("openedAt", iso(at));
                    e.put("dueAt", due);
                    Map<String, Object> alert = new LinkedHashMap<>();
                    alert.put("caseId", id.toString());
                    alert.put("storeId", r.storeId());
                    alert.put("stage", "FIRST_CONTACT");
                    alert.put("score", r.score());
                    alert.put("openedAt", iso(at));
                    alert.put("dueAt", iso(fc));
                    return outbox.append(conn, "CaseOpened", e)
                            .flatMap(x -> alerts.enqueue(conn, "CASE_OPENED", id, r.storeId(), Roles.STORE_MANAGER,
                                    "case-opened-" + id, alert));
                });
    }

    /**
     * {@link #open} for the detractors of an import batch: the cases in one statement, their CaseOpened events in
     * one pipelined batch, in input order; alerts (when configured) as for one case.
     */
    public Uni<Void> openAll(SqlClient conn, List<StoredResponse> rs) {
        if (rs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int size = rs.size();
        Instant now = clock.instant();
        RecoveryConfig.Deadlines d = config.deadlines();
        UUID[] id = new UUID[size], rid = new UUID[size];
        String[] oid = new String[size], sid = new String[size], ckey = new String[size];
        Short[] score = new Short[size];
        java.time.OffsetDateTime[] at = new java.time.OffsetDateTime[size], fc = new java.time.OffsetDateTime[size],
                an = new java.time.OffsetDateTime[size], re = new java.time.OffsetDateTime[size],
                gm = new java.time.OffsetDateTime[size];
        Map<UUID, StoredResponse> byCase = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            StoredResponse r = rs.get(i);
            Instant a = r.answeredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            id[i] = UUID.randomUUID();
            rid[i] = r.responseId();
            oid[i] = r.orderId();
            sid[i] = r.storeId();
            ckey[i] = r.customerKey();
            score[i] = (short) r.score();
            at[i] = Times.utc(a);
            fc[i] = Times.utc(a.plus(d.firstContact()));
            an[i] = Times.utc(a.plus(d.analysis()));
            re[i] = Times.utc(a.plus(d.remedy()));
            gm[i] = Times.utc(a.plus(d.gmFollowUp()));
            byCase.put(id[i], r);
        }
        return conn.preparedQuery("INSERT INTO recovery_case (id, response_id, order_id, store_id, customer_key, score, stage, "
                        + "status, owner_role, opened_at, due_first_contact, due_analysis, due_remedy, due_gm_follow_up, updated_at) "
                        + "SELECT i, r, o, s, k, sc, 'FIRST_CONTACT', 'OPEN', $12, op, fc, an, re, gm, $13 "
                        + "FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int2[], "
                        + "$7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[]) "
                        + "WITH ORDINALITY AS x(i, r, o, s, k, sc, op, fc, an, re, gm, ord) ORDER BY ord "
                        + "ON CONFLICT (response_id) DO NOTHING RETURNING id")
                .execute(Sql.t(id, rid, oid, sid, ckey, score, at, fc, an, re, gm, Roles.STORE_MANAGER, Times.utc(now)))
                .flatMap(rows -> {
                    java.util.Set<UUID> opened = new java.util.HashSet<>();
                    rows.forEach(r -> opened.add(r.getUUID("id")));
                    List<EventOutbox.Pending> events = new ArrayList<>();
                    List<Uni<Void>> alertsToEnqueue = new ArrayList<>();
                    byCase.forEach((caseId, r) -> {
                        if (!opened.contains(caseId)) {
                            return;
                        }
                        Instant a = r.answeredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                        Map<String, Object> due = new LinkedHashMap<>();
                        due.put("FIRST_CONTACT", iso(a.plus(d.firstContact())));
                        due.put("ANALYSIS", iso(a.plus(d.analysis())));
                        due.put("REMEDY", iso(a.plus(d.remedy())));
                        due.put("GM_FOLLOW_UP", iso(a.plus(d.gmFollowUp())));
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("caseId", caseId.toString());
                        e.put("responseId", r.responseId().toString());
                        e.put("storeId", r.storeId());
                        e.put("score", r.score());
                        e.put("ownerRole", Roles.STORE_MANAGER);
                        e.put("openedAt", iso(a));
                        e.put("dueAt", due);
                        events.add(new EventOutbox.Pending("CaseOpened", e));
                        if (alerts.enabled()) {
                            Map<String, Object> alert = new LinkedHashMap<>();
                            alert.put("caseId", caseId.toString());
                            alert.put("storeId", r.storeId());
                            alert.put("stage", "FIRST_CONTACT");
                            alert.put("score", r.score());
                            alert.put("openedAt", iso(a));
                            alert.put("dueAt", iso(a.plus(d.firstContact())));
                            alertsToEnqueue.add(alerts.enqueue(conn, "CASE_OPENED", caseId, r.storeId(), Roles.STORE_MANAGER,
                                    "case-opened-" + caseId, alert));
                        }
                    });
                    Uni<Void> all = outbox.appendAll(conn, events);
                    for (Uni<Void> u : alertsToEnqueue) {
                        all = all.flatMap(x -> u);
                    }
                    return all;
                });
    }

    // ---- reads

    /** Filters of the case list. */
    public record Filter(String storeId, String status, String stage, Boolean overdue, LocalDate from, LocalDate to,
                         int limit, Long after) {
    }

    public Uni<CaseView.Page<CaseView>> list(Who who, Filter f) {
        who.requireList();
        if (f.storeId() != null && !who.hq() && !who.regionManager() && !who.stores().contains(f.storeId())) {
            throw ProblemException.forbidden("Store " + f.storeId() + " is outside your scope.");
        }
        Instant now = clock.instant();
        List<Object> args = new ArrayList<>();
        args.add(Times.utc(now));
        StringBuilder sql = new StringBuilder(VIEW).append(" WHERE TRUE");
        if (!who.hq()) {
            args.add(who.storeScope().toArray(new String[0]));
            sql.append(" AND (c.store_id = ANY($").append(args.size()).append(")");
            args.add(who.regionScope().toArray(new String[0]));
            sql.append(" OR s.region_id = ANY($").append(args.size()).append("))");
        }
        if (f.storeId() != null) {
            args.add(f.storeId());
            sql.append(" AND c.store_id = $").append(args.size());
        }
        if (f.status() != null) {
            args.add(f.status());
            sql.append(" AND c.status = $").append(args.size());
        }
        if (f.stage() != null) {
            args.add(f.stage());
            sql.append(" AND c.stage = $").append(args.size());
        }
        if (f.overdue() != null) {
            sql.append(f.overdue() ? " AND (c.current_due IS NOT NULL AND c.current_due < $1)"
                    : " AND NOT (c.current_due IS NOT NULL AND c.current_due < $1)");
        }
        if (f.from() != null) {
            args.add(Times.utc(f.from().atStartOfDay(npsloop.zone()).toInstant()));
            sql.append(" AND c.opened_at >= $").append(args.size());
        }
        if (f.to() != null) {
            args.add(Times.utc(f.to().plusDays(1).atStartOfDay(npsloop.zone()).toInstant()));
            sql.append(" AND c.opened_at < $").append(args.size());
        }
        // the count sees the same filters and scope, not the cursor or the limit
        String counted = "SELECT count(*) FROM (" + sql + ") listed";
        List<Object> countArgs = new ArrayList<>(args);
        if (f.after() != null) {
            args.add(f.after());
            sql.append(" AND c.seq < $").append(args.size());
        }
        args.add(f.limit() + 1);
        sql.append(" ORDER BY c.seq DESC LIMIT $").append(args.size());
        return tx.run(conn -> conn.preparedQuery(counted).execute(Tuple.from(countArgs))
                .map(count -> count.iterator().next().getLong(0))
                .flatMap(total -> conn.preparedQuery(sql.toString()).execute(Tuple.from(args)).flatMap(rows ->
                disclosures.page(conn, who, "GET /api/v1/cases", rows, f.limit(), r -> toView(who, r),
                        v -> v.customer() == null ? null : new Disclosures.Subject("CASE", v.id(), v.storeId())))
                .map(page -> page.withTotal(total))));
    }

    public Uni<CaseView> get(Who who, UUID id, String via) {
        who.requireList();
        return tx.run(conn -> view(conn, who, id, via));
    }

    private Uni<CaseView> view(SqlConnection conn, Who who, UUID id, String via) {
        return conn.preparedQuery(VIEW + " WHERE c.id = $2").execute(Sql.t(Times.utc(clock.instant()), id))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("No case " + id + "."));
                    }
                    Row r = rows.iterator().next();
                    if (!who.maySee(r.getString("store_id"), r.getString("region_id"))) {
                        return Uni.createFrom().failure(ProblemException.forbidden("This case is outside your scope."));
                    }
                    CaseView v = toView(who, r);
                    return v.customer() == null ? Uni.createFrom().item(v)
                            : disclosures.record(conn, who, via, List.of(new Disclosures.Subject("CASE", v.id(), v.storeId())))
                            .replaceWith(v);
                });
    }

    private CaseView toView(Who who, Row r) {
        boolean contact = who.mayContact(r.getString("store_id"), r.getString("region_id"), r.getString("owner_role"));
        CaseView.Customer customer = contact
                && (r.getString("customer_name") != null || r.getString("customer_phone") != null)
                ? new CaseView.Customer(r.getString("customer_name"), r.getString("customer_phone")) : null;
        String comment = contact ? r.getString("raw_comment") : r.getString("comment_masked");
        String[] escalated = r.getArrayOfStrings("escalated_stages");
        String[] reasons = r.getArrayOfStrings("reasons");
        return new CaseView(r.getUUID("id"), r.getString("store_id"), r.getUUID("response_id"), r.getShort("score"),
                r.getString("stage"), r.getString("status"), r.getBoolean("is_overdue"), odt(r, "opened_at"),
                odt(r, "current_due"), r.getString("owner_role"), customer,
                new CaseView.Deadlines(odt(r, "due_first_contact"), odt(r, "due_analysis"), odt(r, "due_remedy"),
                        odt(r, "due_gm_follow_up")),
                odt(r, "first_contact_at"), odt(r, "analysis_at"), odt(r, "remedy_at"), odt(r, "gm_follow_up_at"),
                odt(r, "closed_at"), r.getString("problem_type"), r.getString("problem_scope"), r.getString("analysis_plan"),
                new CaseView.Notes(r.getString("first_contact_notes"), r.getString("gm_follow_up_notes")),
                r.getBoolean("gm_satisfied"),
                r.getValue("remedy_at") == null ? null
                        : new CaseView.Remedy(r.getString("apology"), r.getString("compensation"), r.getLong("compensation_cents"),
                        r.getString("process_fix")),
                r.getString("outcome"), r.getString("close_reason"), comment, !contact && comment != null,
                reasons == null ? List.of() : Arrays.asList(reasons), escalated == null ? List.of() : Arrays.asList(escalated));
    }

    // ---- transitions

    private record Locked(UUID id, String storeId, String regionId, String stage, String status, String ownerRole,
                          Instant openedAt, Instant firstContactAt, String customerKey, String orderId) {
    }

    private interface Step {
        Uni<Void> apply(SqlConnection conn, Locked c, Instant now);
    }

    private Uni<CaseView> act(Who who, UUID id, String via, Step step) {
        return tx.run(conn -> conn.preparedQuery("SELECT c.id, c.store_id, s.region_id, c.stage, c.status, c.owner_role, "
                        + "c.opened_at, c.first_contact_at, c.customer_key, c.order_id FROM recovery_case c "
                        + "LEFT JOIN store s ON s.id = c.store_id WHERE c.id = $1 FOR UPDATE OF c").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("No case " + id + "."));
                    }
                    Row r = rows.iterator().next();
                    Locked c = new Locked(r.getUUID("id"), r.getString("store_id"), r.getString("region_id"),
                            r.getString("stage"), r.getString("status"), r.getString("owner_role"),
                            Times.instant(r, "opened_at"), Times.instant(r, "first_contact_at"),
                            r.getString("customer_key"), r.getString("order_id"));
                    if (!who.stores().contains(c.storeId()) && !who.maySee(c.storeId(), c.regionId())) {
                        return Uni.createFrom().failure(ProblemException.forbidden("This case is outside your scope."));
                    }
                    return step.apply(conn, c, clock.instant()).flatMap(x -> view(conn, who, id, via));
                }));
    }

    private static void requireAct(Who who, Locked c, String role) {
        if (!who.mayAct(c.storeId(), role)) {
            throw ProblemException.forbidden("Only " + role + " or a higher role at store " + c.storeId()
                    + " may do this.");
        }
    }

    private static void requireStage(Locked c, String stage, String action) {
        if (!"OPEN".equals(c.status())) {
            throw ProblemException.conflict("The case is already closed (" + c.status() + ").");
        }
        if (!stage.equals(c.stage())) {
            throw ProblemException.conflict(action + " needs the case in stage " + stage + "; it is in " + c.stage() + ".");
        }
    }

    private Uni<Void> stageCompleted(SqlClient conn, Locked c, String stage, Instant now, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("caseId", c.id().toString());
        e.put("storeId", c.storeId());
        e.put("stage", stage);
        e.put("completedAt", iso(now));
        e.put("minutesSinceOpened", Duration.between(c.openedAt(), now).toMinutes());
        e.putAll(extra);
        return outbox.append(conn, "CaseStageCompleted", e);
    }

    public Uni<CaseView> firstContact(Who who, UUID id, CaseInputs.FirstContact in) {
        return act(who, id, "POST first-contact", (conn, c, now) -> {
            requireAct(who, c, c.ownerRole());
            requireStage(c, "FIRST_CONTACT", "First contact");
            if (Boolean.FALSE.equals(in.reached())) {
                throw ProblemException.conflict("A call that did not reach the customer does not complete first contact.");
            }
            return conn.preparedQuery("UPDATE recovery_case SET stage = 'ANALYSIS', first_contact_at = $2, first_contact_by = $3, "
                            + "first_contact_notes = $4, updated_at = $2 WHERE id = $1")
                    .execute(Sql.t(id, Times.utc(now), who.sub(), in.notes().strip()))
                    .flatMap(x -> stageCompleted(conn, c, "FIRST_CONTACT", now, Map.of()));
        });
    }

    public Uni<CaseView> classify(Who who, UUID id, CaseInputs.Classification in) {
        return act(who, id, "POST classification", (conn, c, now) -> {
            requireAct(who, c, c.ownerRole());
            requireStage(c, "ANALYSIS", "Classification");
            String scope = in.scope();
            String owner = Ladder.higher(c.ownerRole(), Ladder.owner(in.problemType(), scope));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("problemType", in.problemType());
            extra.put("scope", scope);
            extra.put("ownerRole", owner);
            return conn.preparedQuery("UPDATE recovery_case SET stage = 'REMEDY', analysis_at = $2, analysis_by = $3, "
                            + "problem_type = $4, problem_scope = $5, owner_role = $6, analysis_plan = $7, updated_at = $2 WHERE id = $1")
                    .execute(Sql.t(id, Times.utc(now), who.sub(), in.problemType(), scope, owner, strip(in.plan())))
                    .flatMap(x -> stageCompleted(conn, c, "ANALYSIS", now, extra));
        });
    }

    public Uni<CaseView> remedy(Who who, UUID id, CaseInputs.Remedy in) {
        return act(who, id, "POST remedy", (conn, c, now) -> {
            requireAct(who, c, c.ownerRole());
            requireStage(c, "REMEDY", "Remedy");
            return conn.preparedQuery("UPDATE recovery_case SET stage = 'GM_FOLLOW_UP', remedy_at = $2, remedy_by = $3, "
                            + "apology = $4, compensation = $5, process_fix = $6, compensation_cents = $7, updated_at = $2 WHERE id = $1")
                    .execute(Sql.t(id, Times.utc(now), who.sub(), in.apology().strip(), strip(in.compensation()),
                            strip(in.processFix()), in.compensationCents()))
                    .flatMap(x -> stageCompleted(conn, c, "REMEDY", now, Map.of()));
        });
    }

    public Uni<CaseView> gmFollowUp(Who who, UUID id, CaseInputs.GmFollowUp in) {
        return act(who, id, "POST gm-follow-up", (conn, c, now) -> {
            requireAct(who, c, Roles.GENERAL_MANAGER);
            requireStage(c, "GM_FOLLOW_UP", "The general manager's follow-up");
            return conn.preparedQuery("UPDATE recovery_case SET stage = 'DONE', gm_follow_up_at = $2, gm_follow_up_by = $3, "
                            + "gm_follow_up_notes = $4, gm_satisfied = $5, updated_at = $2 WHERE id = $1")
                    .execute(Sql.t(id, Times.utc(now), who.sub(), in.notes().strip(), in.satisfied()))
                    .flatMap(x -> stageCompleted(conn, c, "GM_FOLLOW_UP", now, Map.of()));
        });
    }

    public Uni<CaseView> close(Who who, UUID id, CaseInputs.Close in) {
        return act(who, id, "POST close", (conn, c, now) -> {
            requireAct(who, c, c.ownerRole());
            if (!"OPEN".equals(c.status())) {
                throw ProblemException.conflict("The case is already closed (" + c.status() + ").");
            }
            String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().strip();
            if ("RECOVERED".equals(in.outcome()) && !"DONE".equals(c.stage())) {
                throw ProblemException.conflict("A case is RECOVERED only after all four stages; it is in " + c.stage() + ".");
            }
            if ("ABANDONED".equals(in.outcome()) && reason == null) {
                throw ProblemException.invalid("reason", "is required to abandon a case");
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("caseId", c.id().toString());
            e.put("storeId", c.storeId());
            e.put("outcome", in.outcome());
            e.put("reason", reason);
            e.put("closedAt", iso(now));
            e.put("firstContactMinutes", c.firstContactAt() == null ? null
                    : Duration.between(c.openedAt(), c.firstContactAt()).toMinutes());
            Uni<Void> update = conn.preparedQuery("UPDATE recovery_case SET status = $2, outcome = $2, close_reason = $3, "
                            + "closed_at = $4, closed_by = $5, updated_at = $4 WHERE id = $1")
                    .execute(Sql.t(id, in.outcome(), reason, Times.utc(now), who.sub()))
                    .flatMap(x -> outbox.append(conn, "CaseClosed", e));
            if (!"RECOVERED".equals(in.outcome()) || !config.resurvey().enabled()) {
                return update;
            }
            return update.flatMap(x -> conn.preparedQuery("INSERT INTO resurvey (case_id, order_id, due_at, status) "
                            + "VALUES ($1, $2, $3, 'PENDING') ON CONFLICT (case_id) DO NOTHING")
                    .execute(Sql.t(id, c.orderId(), Times.utc(now.plus(config.resurvey().delay())))).replaceWithVoid());
        });
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private java.time.OffsetDateTime odt(Row r, String column) {
        return Times.odt(Times.instant(r, column), npsloop.zone());
    }

    private String iso(Instant i) {
        return Times.iso(i, npsloop.zone());
    }
}
