package io.npsloop.analytics.query;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.config.PgPoolConfig;
import io.npsloop.analytics.rollup.RollupRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The version of the rollups a query reads, the key of the query caches. Every feed transaction changes it.
 * <p>
 * The plain way is to read the feed cursors on every request: a round trip that was most of a cached dashboard's
 * time. Instead this replica LISTENs on the channel a trigger on {@code feed_cursor} notifies at each commit
 * (V33), and the version is a local counter bumped per notification, and at once by this replica's own consumer
 * after it committed. A notification from another replica arrives a moment after its commit, so an answer may lag
 * a commit elsewhere by that moment (the freshness target is one second).
 * <p>
 * Missed notifications are never assumed away: the counter is bumped whenever listening (re)starts, and while the
 * listening connection is down or disabled every request reads the cursors as before. A connection that died
 * without closing is found by a periodic probe ({@code npsloop.query.version-listener.*}).
 */
@ApplicationScoped
public class DataVersion {

    /** The channel V33's trigger notifies. */
    static final String CHANNEL = "npsloop_analytics_data";
    /** How the listening connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "npsloop-analytics-version-listener";
    private static final Logger LOG = Logger.getLogger(DataVersion.class);

    private final RollupRepository repo;
    private final Vertx vertx;
    private final Pool pool;
    private final PgPoolConfig poolConfig;
    private final AnalyticsConfig.VersionListener config;
    private final AtomicLong counter = new AtomicLong();
    /**
     * Distinguishes this process' counter from an earlier process' (a restart starts counting again): versions
     * travel in ETags, and "n7" of yesterday's process must never equal "n7" of today's.
     */
    private final String instance = Long.toHexString(new java.security.SecureRandom().nextLong());
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile Listener listener;
    /** Told of every change; serialized, as changes come from the consumer and the notification handler at once. */
    private final BroadcastProcessor<Boolean> broadcast = BroadcastProcessor.create();
    private final SerializedProcessor<Boolean, Boolean> changes = broadcast.serialized();

    /** What {@link #announced()} says while the version is not kept in memory. */
    public static final String UNKNOWN = "-";

    DataVersion(RollupRepository repo, Vertx vertx, Pool pool, PgPoolConfig poolConfig, AnalyticsConfig config) {
        this.repo = repo;
        this.vertx = vertx;
        this.pool = pool;
        this.poolConfig = poolConfig;
        this.config = config.query().versionListener();
    }

    void start(@Observes StartupEvent ev) {
        if (config.enabled()) {
            pool.getDelegate(); // the pool (and so its connect options) exists once the Pool bean is resolved
            connect();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        Listener l = listener;
        if (l != null) {
            l.retire();
        }
    }

    /** The current version: from memory while listening, else read from the feed cursors. */
    public Uni<String> current() {
        if (listening) {
            return Uni.createFrom().item(inMemory());
        }
        return repo.dataVersion();
    }

    /** The data changed (a feed transaction of this replica committed, or another's was notified). */
    public void changed() {
        counter.incrementAndGet();
        changes.onNext(Boolean.TRUE);
    }

    /**
     * The version as the change stream tells it: the in-memory version while listening, {@link #UNKNOWN} while not
     * (this replica then cannot know of other replicas' commits, so nobody may rely on it).
     */
    public String announced() {
        return listening ? inMemory() : UNKNOWN;
    }

    private String inMemory() {
        return "n" + instance + "." + counter.get();
    }

    /** A tick on every change and every change of {@link #listening()} (for {@code DataVersionResource}). */
    public Multi<Boolean> changes() {
        return broadcast;
    }

    /** Whether the version is currently kept in memory (for the tests and the logs). */
    public boolean listening() {
        return listening;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        PgConnectOptions options = poolConfig.connectOptions().addProperty("application_name", APPLICATION_NAME);
        PgConnection.connect(vertx, options).subscribe().with(
                c -> new Listener(c).listen(),
                e -> {
                    LOG.debugf("data-version listener: cannot connect (%s); every query reads the cursors meanwhile",
                            e.getMessage());
                    reconnectLater();
                });
    }

    private void reconnectLater() {
        if (!stopped) {
            vertx.setTimer(config.reconnectDelay().toMillis(), t -> connect());
        }
    }

    /** One listening connection; retired exactly once (closed, failed, probe timed out or shutdown). */
    private final class Listener {
        private final PgConnection connection;
        private final AtomicBoolean retired = new AtomicBoolean();
        private long probeTimer = -1;

        Listener(PgConnection connection) {
            this.connection = connection;
        }

        void listen() {
            listener = this;
            connection.notificationHandler(n -> {
                if (CHANNEL.equals(n.getChannel())) {
                    changed();
                }
            });
            connection.closeHandler(this::retire);
            connection.exceptionHandler(e -> LOG.debugf("data-version listener: %s", e.getMessage()));
            connection.query("LISTEN " + CHANNEL).execute().subscribe().with(ok -> {
                if (retired.get()) {
                    return;
                }
                changed(); // whatever was committed while nobody listened: before any request may use the counter
                listening = true;
                changes.onNext(Boolean.TRUE); // announce the version again, now known
                probeTimer = vertx.setPeriodic(config.pingInterval().toMillis(), t -> probe());
                LOG.debug("data-version listener: listening");
            }, e -> {
                LOG.warnf("data-version listener: LISTEN failed (%s); every query reads the cursors", e.getMessage());
                retire();
            });
        }

        private void probe() {
            connection.query("SELECT 1").execute()
                    .ifNoItem().after(config.pingTimeout()).fail()
                    .subscribe().with(ok -> {
                    }, e -> {
                        LOG.warnf("data-version listener: probe failed (%s); reconnecting", e.getMessage());
                        retire();
                    });
        }

        void retire() {
            if (!retired.compareAndSet(false, true)) {
                return;
            }
            listening = false;
            changes.onNext(Boolean.FALSE);
            if (probeTimer >= 0) {
                vertx.cancelTimer(probeTimer);
            }
            connection.closeAndForget();
            reconnectLater();
        }
    }
}
