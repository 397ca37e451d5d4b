package io.npsloop.analytics.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.npsloop.analytics.config.AnalyticsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads survey-service's and referral-service's feeds. Each page is applied and the cursor advanced in ONE
 * transaction, under a transaction-scoped advisory lock and a row lock on the cursor: a second replica either
 * skips the round (lock taken) or, having fetched the same page, applies only the events past the stored cursor.
 * Polls continue at once while pages come back full, then pause; failures back off exponentially.
 */
@ApplicationScoped
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    /** What happened in one {@link #pollOnce} call. */
    public record Poll(String source, int fetched, int applied, long position, boolean locked) {
    }

    /** Lag of one feed, as known after the last poll. */
    public static final class Lag {
        final AtomicLong position = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong seconds = new AtomicLong();
        volatile Instant lastSuccess;
        volatile String lastError;

        public long position() {
            return position.get();
        }

        public long events() {
            return events.get();
        }

        public long seconds() {
            return seconds.get();
        }

        public Instant lastSuccess() {
            return lastSuccess;
        }

        public String lastError() {
            return lastError;
        }
    }

    private final Pool pool;
    private final EventApplier applier;
    private final SurveyFeedClient survey;
    private final ReferralFeedClient referral;
    private final ServiceToken token;
    private final AnalyticsConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Vertx vertx;
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();
    private volatile boolean running;

    FeedConsumer(Pool pool, EventApplier applier, @RestClient SurveyFeedClient survey,
                 @RestClient ReferralFeedClient referral, ServiceToken token, AnalyticsConfig config,
                 MeterRegistry registry, Clock clock, Vertx vertx) {
        this.pool = pool;
        this.applier = applier;
        this.survey = survey;
        this.referral = referral;
        this.token = token;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.vertx = vertx;
        for (String s : List.of("survey", "referral")) {
            Lag lag = new Lag();
            lags.put(s, lag);
            registry.gauge("npsloop.feed.lag.events", Tags.of("source", s), lag, l -> l.events.get());
            registry.gauge("npsloop.feed.lag.seconds", Tags.of("source", s), lag, l -> l.seconds.get());
            registry.gauge("npsloop.feed.position", Tags.of("source", s), lag, l -> l.position.get());
        }
    }

    void start(@Observes StartupEvent ev) {
        if (!config.feed().enabled()) {
            return;
        }
        running = true;
        for (String s : config.feed().sources()) {
            schedule(s, Duration.ZERO, config.feed().pollInterval());
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
    }

    private void schedule(String source, Duration delay, Duration backoff) {
        if (!running) {
            return;
        }
        Runnable go = () -> pollOnce(source).subscribe().with(
                p -> schedule(source, p.fetched() >= config.feed().batchSize() ? Duration.ZERO : config.feed().pollInterval(),
                        config.feed().pollInterval()),
                err -> {
                    lags.get(source).lastError = err.toString();
                    LOG.warnf("feed %s: %s; retrying in %s", source, err.getMessage(), backoff);
                    Duration next = backoff.multipliedBy(2);
                    schedule(source, backoff, next.compareTo(config.feed().maxBackoff()) > 0 ? config.feed().maxBackoff() : next);
                });
        if (delay.isZero()) {
            vertx.runOnContext(go);
        } else {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> go.run());
        }
    }

    public Lag lag(String source) {
        return lags.get(source);
    }

    /** Fetches one page after the stored cursor and applies it (one transaction). */
    public Uni<Poll> pollOnce(String source) {
        int limit = config.feed().batchSize();
        return position(source)
                .chain(after -> fetch(source, after, limit))
                .chain(page -> applyPage(source, page, limit));
    }

    /** Applies a fetched page: exactly once whatever was applied before, by this or another replica. */
    public Uni<Poll> applyPage(String source, FeedPage page, int limit) {
        List<FeedEvent> events = page.events() == null ? List.of() : page.events();
        return pool.withTransaction(tx -> tx
                .preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext('npsloop-analytics-feed:' || $1))")
                .execute(Tuple.of(source))
                .chain(rs -> {
                    if (!rs.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(new Poll(source, events.size(), 0, -1, true));
                    }
                    return tx.preparedQuery("INSERT INTO feed_cursor (source) VALUES ($1) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(source))
                            .chain(() -> tx.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1 FOR UPDATE")
                                    .execute(Tuple.of(source)))
                            .chain(cur -> {
                                long position = cur.iterator().next().getLong(0);
                                List<FeedEvent> fresh = events.stream().filter(e -> e.seq() > position).toList();
                                if (fresh.isEmpty()) {
                                    return Uni.createFrom().item(new Poll(source, events.size(), 0, position, false));
                                }
                                long last = fresh.get(fresh.size() - 1).seq();
                                return applier.apply(tx, source, fresh)
                                        .call(() -> tx.preparedQuery("UPDATE feed_cursor SET position = $2, updated_at = now() "
                                                + "WHERE source = $1").execute(Tuple.of(source, last)))
                                        .map(outcome -> {
                                            count(source, outcome);
                                            return new Poll(source, events.size(), fresh.size(), last, false);
                                        });
                            });
                }))
                .invoke(p -> track(source, page, p, limit));
    }

    private void count(String source, EventApplier.Outcome o) {
        registry.counter("npsloop.feed.events.applied", "source", source).increment(o.applied());
        o.unknown().forEach((type, n) -> registry.counter("npsloop.feed.events.unknown", "source", source, "type", type)
                .increment(n));
        o.invalid().forEach((type, n) -> registry.counter("npsloop.feed.events.invalid", "source", source, "type", type)
                .increment(n));
    }

    private void track(String source, FeedPage page, Poll p, int limit) {
        Lag lag = lags.get(source);
        lag.lastSuccess = clock.instant();
        lag.lastError = null;
        if (p.position() >= 0) {
            lag.position.set(p.position());
        }
        List<FeedEvent> events = page.events() == null ? List.of() : page.events();
        boolean behind = events.size() >= limit;
        // The feed does not publish its head: a full page means at least one more page waits (lower bound).
        lag.events.set(behind ? limit : 0);
        if (behind && !events.isEmpty() && events.get(events.size() - 1).occurredAt() != null) {
            Instant newest = OffsetDateTime.parse(events.get(events.size() - 1).occurredAt()).toInstant();
            lag.seconds.set(Math.max(0, Duration.between(newest, clock.instant()).toSeconds()));
        } else {
            lag.seconds.set(0);
        }
    }

    private Uni<Long> position(String source) {
        return pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of(source))
                .map(rs -> rs.rowCount() == 0 ? 0L : rs.iterator().next().getLong(0));
    }

    private Uni<FeedPage> fetch(String source, long after, int limit) {
        String bearer = token.bearer();
        return switch (source) {
            case "survey" -> survey.events(after, limit, bearer);
            case "referral" -> referral.events(after, limit, bearer);
            default -> Uni.createFrom().failure(new IllegalArgumentException("unknown feed " + source));
        };
    }
}
