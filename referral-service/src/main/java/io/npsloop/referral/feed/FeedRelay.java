package io.npsloop.referral.feed;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Numbers committed outbox rows: under a transaction-scoped advisory lock (one relay at a time across replicas)
 * it gives the unnumbered rows it can see — committed ones only — the next positions in id order. A row whose
 * transaction commits late is numbered by a later run, after everything already published.
 */
@ApplicationScoped
public class FeedRelay {

    /**
     * The batch travels as an array so the update looks each id up by primary key; joined straight to the LIMIT
     * sub-select, the planner expected the whole batch and hashed a scan of the entire table on every run.
     */
    static final String NUMBER = """
            WITH pending AS (SELECT array_agg(id ORDER BY id) AS ids
                            FROM (SELECT id FROM feed_event WHERE seq IS NULL ORDER BY id LIMIT 5000) u),
                 base AS (SELECT COALESCE(MAX(seq), 0) AS m FROM feed_event)
            UPDATE feed_event f SET seq = base.m + n.rn
              FROM base, pending, unnest(pending.ids) WITH ORDINALITY n(id, rn) WHERE f.id = n.id""";

    private static final Logger LOG = Logger.getLogger(FeedRelay.class);
    static final long LOCK_KEY = 0x52454c4159L; // "RELAY"

    private final Pool pool;

    FeedRelay(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(every = "${npsloop.feed.relay-every:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce().onFailure().invoke(e -> LOG.warnf("feed relay: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Numbers what is committed; answers how many rows got a position (0 when another relay holds the lock). */
    public Uni<Integer> runOnce() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(LOCK_KEY))
                .chain(rows -> {
                    if (!rows.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.query(NUMBER).execute().map(r -> r.rowCount());
                }));
    }
}
