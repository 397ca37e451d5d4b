package io.npsloop.gateway.cache;

import io.npsloop.gateway.client.DataVersionApi;
import io.npsloop.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.npsloop.security.ServiceTokens;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows analytics-service's data-version stream so that {@link ResponseCache} may serve a remembered answer
 * without asking analytics again: the {@link #generation()} moves on every announced change, on every (re)connect
 * and whenever the stream is lost or falls silent; answers remembered at the current generation while the stream is
 * {@link #trusted()} are still what analytics would answer, up to the moment a change takes to be announced
 * (PostgreSQL NOTIFY to analytics, then this stream). Whenever that cannot be vouched for — not connected, silent
 * past {@code silence-timeout}, or analytics announcing {@code "-"} (its own listener down) — the cache revalidates
 * every answer with a conditional request, as without this feed.
 * <p>
 * Connects with a short-lived SERVICE token signed with {@code smallrye.jwt.sign.key.location}; without a key the
 * feed stays off (and says so once).
 */
@ApplicationScoped
public class DataVersionFeed {

    private static final Logger LOG = Logger.getLogger(DataVersionFeed.class);
    private static final String UNKNOWN = "-";

    private final DataVersionApi api;
    private final Vertx vertx;
    private final GatewayConfig.Push config;
    private final boolean enabled;
    private final String issuer;
    private final AtomicLong generation = new AtomicLong();
    /** Identifies the current connection: callbacks of an older one are ignored. */
    private final AtomicInteger connection = new AtomicInteger();
    private volatile boolean trusted;
    private volatile String last;
    private volatile long lastEventNanos;
    private volatile Cancellable subscription;
    private volatile boolean stopped;
    /** Connections lost since the last event: the pause before the next attempt doubles with each. */
    private final AtomicInteger failures = new AtomicInteger();

    DataVersionFeed(@RestClient DataVersionApi api, Vertx vertx, GatewayConfig config,
                    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://npsloop.dev/issuer") String issuer) {
        this.api = api;
        this.vertx = vertx;
        this.config = config.graphql().responseCache().push();
        this.enabled = config.graphql().responseCache().enabled() && this.config.enabled();
        this.issuer = issuer;
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        connect();
        long check = Math.max(100, config.silenceTimeout().toMillis() / 3);
        vertx.setPeriodic(check, t -> {
            if (subscription != null && System.nanoTime() - lastEventNanos > config.silenceTimeout().toNanos()) {
                LOG.warnf("data-version stream silent for over %s; reconnecting", config.silenceTimeout());
                lost(connection.get());
            }
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        Cancellable s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    /** Moves whenever what analytics would answer may have changed (or that cannot be known). */
    public long generation() {
        return generation.get();
    }

    /** Whether the stream currently vouches that nothing changed within a generation. */
    public boolean trusted() {
        return trusted;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        String bearer;
        try {
            bearer = ServiceTokens.bearer(issuer, "gateway", Instant.now(), config.tokenLifetime());
        } catch (RuntimeException e) {
            LOG.infof("data-version stream off (cannot sign a service token: %s); remembered answers are revalidated "
                    + "on every request", e.getMessage());
            return;
        }
        int id = connection.incrementAndGet();
        untrust();
        last = null;
        lastEventNanos = System.nanoTime();
        subscription = api.versions(bearer).subscribe().with(
                v -> event(id, v),
                e -> {
                    if (failures.get() == 0) {
                        LOG.infof("data-version stream failed (%s); remembered answers are revalidated until it is back",
                                e.getMessage());
                    }
                    lost(id);
                },
                () -> lost(id));
    }

    private void event(int id, String value) {
        if (id != connection.get()) {
            return;
        }
        lastEventNanos = System.nanoTime();
        failures.set(0);
        String version = value == null ? UNKNOWN : value.strip();
        if (!version.equals(last)) {
            generation.incrementAndGet();
            last = version;
        }
        trusted = !version.isEmpty() && !version.equals(UNKNOWN);
    }

    /** The connection {@code id} is gone (failed, ended or silent): trust nothing, connect again later. */
    private void lost(int id) {
        if (!connection.compareAndSet(id, id + 1)) {
            return; // an older connection, already replaced
        }
        untrust();
        Cancellable s = subscription;
        subscription = null;
        if (s != null) {
            s.cancel();
        }
        if (!stopped) {
            int n = Math.min(failures.getAndIncrement(), 16);
            long delay = Math.min(config.maxReconnectDelay().toMillis(), config.reconnectDelay().toMillis() << n);
            vertx.setTimer(Math.max(1, delay), t -> connect());
        }
    }

    private void untrust() {
        trusted = false;
        generation.incrementAndGet();
    }
}
