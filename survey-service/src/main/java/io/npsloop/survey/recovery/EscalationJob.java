package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.recovery.alert.AlertOutbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The escalation pass, on the reactive Pool (no Hibernate session). In one transaction it takes OPEN cases whose
 * current stage's deadline has passed and that stage has not been escalated yet ({@code FOR UPDATE SKIP LOCKED}:
 * concurrent passes on other replicas take other rows), and for each performs a conditional UPDATE that appends the
 * stage to {@code escalated_stages} only if it is not there (re-checked on the latest row version) and moves the
 * owner one role up. Only a row that UPDATE changed gets its {@code case_escalation} row (primary key
 * (case, stage)), its CaseEscalated event and its alert — so each stage escalates exactly once, across restarts
 * (state is in the database) and replicas.
 */
@ApplicationScoped
public class EscalationJob {

    private static final Logger LOG = Logger.getLogger(EscalationJob.class);

    private final Pool pool;
    private final RecoveryConfig config;
    private final NpsloopConfig npsloop;
    private final EventOutbox outbox;
    private final AlertOutbox alerts;
    private final Clock clock;

    EscalationJob(Pool pool, RecoveryConfig config, NpsloopConfig npsloop, EventOutbox outbox, AlertOutbox alerts,
                  Clock clock) {
        this.pool = pool;
        this.config = config;
        this.npsloop = npsloop;
        this.outbox = outbox;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Scheduled(every = "${npsloop.recovery.escalation.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        if (!config.escalation().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("escalation pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** An escalation this pass performed. */
    public record Escalated(UUID caseId, String storeId, String stage, String fromRole, String toRole) {
    }

    /** One pass (one transaction of at most {@code batch} cases); answers what it escalated. */
    public Uni<List<Escalated>> runOnce() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, store_id, stage, owner_role FROM recovery_case "
                        + "WHERE current_due IS NOT NULL AND current_due < $1 AND NOT (stage = ANY (escalated_stages)) "
                        + "ORDER BY current_due, id LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Sql.t(Times.utc(now), config.escalation().batch()))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(List.<Escalated>of());
                    }
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(r -> escalate(conn, r, now))
                            .filter(java.util.Objects::nonNull)
                            .collect().asList();
                }));
    }

    private Uni<Escalated> escalate(SqlConnection conn, Row r, Instant now) {
        UUID id = r.getUUID("id");
        String stage = r.getString("stage");
        String from = r.getString("owner_role");
        String to = Ladder.next(from);
        String storeId = r.getString("store_id");
        return conn.preparedQuery("UPDATE recovery_case SET owner_role = $3, escalated_stages = array_append(escalated_stages, $2), "
                        + "updated_at = $4 WHERE id = $1 AND stage = $2 AND status = 'OPEN' "
                        + "AND NOT ($2 = ANY (escalated_stages)) RETURNING id")
                .execute(Sql.t(id, stage, to, Times.utc(now)))
                .flatMap(rs -> {
                    if (rs.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    return conn.preparedQuery("INSERT INTO case_escalation (case_id, stage, from_role, to_role, escalated_at) "
                                    + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING case_id")
                            .execute(Sql.t(id, stage, from, to, Times.utc(now)))
                            .flatMap(ins -> {
                                if (ins.rowCount() == 0) {
                                    return Uni.createFrom().<Escalated>nullItem();
                                }
                                Map<String, Object> e = new LinkedHashMap<>();
                                e.put("caseId", id.toString());
                                e.put("storeId", storeId);
                                e.put("stage", stage);
                                e.put("fromRole", from);
                                e.put("toRole", to);
                                e.put("escalatedAt", Times.iso(now, npsloop.zone()));
                                Map<String, Object> alert = new LinkedHashMap<>(e);
                                alert.remove("fromRole");
                                return outbox.append(conn, "CaseEscalated", e)
                                        .flatMap(x -> alerts.enqueue(conn, "CASE_ESCALATED", id, storeId, to,
                                                "case-escalated-" + id + "-" + stage, alert))
                                        .replaceWith(new Escalated(id, storeId, stage, from, to));
                            });
                });
    }
}
