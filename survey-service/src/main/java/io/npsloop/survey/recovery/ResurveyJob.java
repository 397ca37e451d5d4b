package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.order.OrderService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Follow-up surveys of RECOVERED cases: when a {@code resurvey} row is due, the intake side's
 * {@link OrderService#followUp} creates the invitation (order {@code RS-<caseId>}, quiet period bypassed) in the
 * same transaction that marks the row INVITED (or SKIPPED: erased / opted out). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never invite twice.
 */
@ApplicationScoped
public class ResurveyJob {

    private static final Logger LOG = Logger.getLogger(ResurveyJob.class);

    private final Pool pool;
    private final OrderService orders;
    private final RecoveryConfig config;
    private final Clock clock;

    ResurveyJob(Pool pool, OrderService orders, RecoveryConfig config, Clock clock) {
        this.pool = pool;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${npsloop.recovery.resurvey.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        if (!config.resurvey().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().onFailure().invoke(e -> LOG.warnf("re-survey pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One pass; answers the invitations created. */
    public Uni<List<UUID>> runOnce() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT case_id, order_id FROM resurvey WHERE status = 'PENDING' "
                        + "AND due_at <= $1 ORDER BY due_at LIMIT 50 FOR UPDATE SKIP LOCKED").execute(Sql.t(Times.utc(now)))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(List.<UUID>of());
                    }
                    return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(r -> {
                                UUID caseId = r.getUUID("case_id");
                                return orders.followUp(conn, r.getString("order_id"), "RS-" + caseId)
                                        .flatMap(inv -> conn.preparedQuery("UPDATE resurvey SET status = $2, invitation_id = $3, "
                                                        + "done_at = $4 WHERE case_id = $1")
                                                .execute(Sql.t(caseId, inv == null ? "SKIPPED" : "INVITED", inv, Times.utc(now)))
                                                .map(x -> inv == null ? new UUID(0, 0) : inv));
                            })
                            .filter(u -> u.getMostSignificantBits() != 0 || u.getLeastSignificantBits() != 0)
                            .collect().asList();
                }));
    }
}
