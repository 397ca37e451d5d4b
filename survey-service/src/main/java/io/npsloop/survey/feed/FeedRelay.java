package io.npsloop.survey.feed;

import io.npsloop.survey.config.NpsloopConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Numbers committed outbox rows. One transaction: take the advisory lock (only one relay in the whole cluster
 * numbers at a time, others skip the tick), then give the unnumbered rows, in id order, the positions after the
 * current maximum. Rows of a transaction still open are invisible here and get a later position when they
 * commit, so a reader paging by seq never skips one.
 */
@ApplicationScoped
public class FeedRelay {

    private static final Logger LOG = Logger.getLogger(FeedRelay.class);
    /** Advisory lock key of the feed relay ('NPSF'). */
    static final long LOCK_KEY = 0x4E505346L;

    /**
     * The batch travels as an array so that the planner, which cannot know how many rows are unnumbered, plans the
     * update as a lookup per id by primary key. Joined straight to the LIMIT sub-select it expects the whole batch
     * size and hashes a sequential scan of the entire table on every tick: with 150 000 events that was 0.2–0.8 s of
     * PostgreSQL CPU per tick, about a third of the database's work under intake load.
     */
    static final String NUMBER = """
            WITH pending AS (SELECT array_agg(id ORDER BY id) AS ids
                            FROM (SELECT id FROM feed_event WHERE seq IS NULL ORDER BY id LIMIT %d) u),
                 top AS (SELECT coalesce(max(seq), 0) AS top FROM feed_event)
            UPDATE feed_event f SET seq = top.top + n.rn
              FROM top, pending, unnest(pending.ids) WITH ORDINALITY n(id, rn)
             WHERE f.id = n.id""";

    /**
     * The numbering statement for a batch size, sent as a plain query so PostgreSQL plans it on every run. As a
     * prepared statement it was planned once per connection and then kept as a generic plan: one made while
     * {@code feed_event} was nearly empty (a new deployment, the first seconds of traffic) joined each id to a
     * sequential scan of the table. Kept as the table grew, each run scanned the whole table once per id — minutes
     * per run within a minute of busy intake — and the open run held back the cleanup of dead rows in every table.
     */
    static String number(int batch) {
        return NUMBER.formatted(batch);
    }

    private final Pool pool;
    private final Vertx vertx;
    private final NpsloopConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    FeedRelay(Pool pool, Vertx vertx, NpsloopConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent ev) {
        timer = vertx.setPeriodic(Math.max(10, config.feed().relayInterval().toMillis()), id -> tick());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        relayOnce().subscribe().with(n -> running.set(false), e -> {
            running.set(false);
            LOG.debugf("feed relay tick failed: %s", e.getMessage());
        });
    }

    /** Numbers what is committed now; answers how many rows got a position (0 when another relay holds the lock). */
    public Uni<Integer> relayOnce() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
                .execute(Tuple.of(LOCK_KEY))
                .flatMap(rs -> rs.iterator().next().getBoolean("locked")
                        ? conn.query(number(config.feed().relayBatch())).execute().map(r -> r.rowCount())
                        : Uni.createFrom().item(0)));
    }
}
