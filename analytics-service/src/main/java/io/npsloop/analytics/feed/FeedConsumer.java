package io.npsloop.analytics.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.query.DataVersion;
import io.npsloop.analytics.topic.TopicRecorder;
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
import java.util.ArrayList;
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
    private final DataVersion dataVersion;
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();
    private volatile boolean running;

    FeedConsumer(Pool pool, EventApplier applier, @RestClient SurveyFeedClient survey,
                 @RestClient ReferralFeedClient referral, ServiceToken token, AnalyticsConfig config,
                 MeterRegistry registry, Clock clock, Vertx vertx, DataVersion dataVersion) {
        this.pool = pool;
        this.applier = applier;
        this.survey = survey;
        this.referral = referral;
        this.token = token;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.vertx = vertx;
        this.dataVersion = dataVersion;
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
        for (String s : config.feed().sources()) {
            startPolling(s);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        stopPolling();
    }

    /** Starts the polling loop of one feed (at start-up; tests call it with polling disabled in config). */
    void startPolling(String source) {
        running = true;
        schedule(source, Duration.ZERO, config.feed().pollInterval());
    }

    /** Stops every loop after its current round. */
    void stopPolling() {
        running = false;
    }

    private void schedule(String source, Duration delay, Duration backoff) {
        if (!running) {
            return;
        }
        Runnable go = () -> loop(source, null, backoff);
        if (delay.isZero()) {
            vertx.runOnContext(go);
        } else {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> go.run());
        }
    }

    /** One applied run and, when the feed was behind, the next run already being fetched. */
    private record Step(Run run, Poll poll, Uni<Run> next) {
    }

    /**
     * One round: take the prefetched run (or fetch from the stored cursor), start fetching the following run while
     * this one is applied (the HTTP request and JSON parsing overlap the database transaction), apply, then go on
     * at once with the prefetched run when this one committed full, else pause. A prefetched run is used only
     * when it starts exactly at the cursor this round committed; anything else (another replica holds the lock,
     * failure) discards it and the next round reads the stored cursor again.
     */
    private void loop(String source, Uni<Run> prefetched, Duration backoff) {
        if (!running) {
            return;
        }
        Uni<Run> run = prefetched != null ? prefetched
                : position(source).chain(after -> fetchRun(source, after));
        run.chain(r -> {
            Uni<Run> next = null;
            if (r.full() && config.feed().prefetch()) {
                next = fetchRun(source, r.last()).memoize().indefinitely();
                next.subscribe().with(x -> { }, x -> { }); // start now; a failure surfaces when it is used
            }
            Uni<Run> following = next;
            return applyRun(source, r).map(p -> new Step(r, p, following));
        }).subscribe().with(step -> {
            Duration pause = config.feed().pollInterval();
            boolean committedAll = !step.poll().locked() && step.poll().position() == step.run().last();
            if (step.run().full() && committedAll && step.next() != null) {
                vertx.runOnContext(() -> loop(source, step.next(), pause));
            } else {
                schedule(source, step.run().full() ? Duration.ZERO : pause, pause);
            }
        }, err -> {
            lags.get(source).lastError = err.toString();
            LOG.warnf("feed %s: %s; retrying in %s", source, err.getMessage(), backoff);
            Duration next = backoff.multipliedBy(2);
            schedule(source, backoff, next.compareTo(config.feed().maxBackoff()) > 0 ? config.feed().maxBackoff() : next);
        });
    }

    public Lag lag(String source) {
        return lags.get(source);
    }

    /**
     * Events fetched from one cursor position: up to {@code npsloop.feed.pages-per-transaction} consecutive pages
     * while they come back full (catching up), one page otherwise. {@code full} = the last page was full (more
     * waits); {@code last} = the feed position after these events; {@code topics} = their comments' topics, worked
     * out when fetched (null: not yet, then before the run's transaction).
     */
    public record Run(long after, List<FeedEvent> events, long last, boolean full, String newestOccurredAt,
                      TopicRecorder.Classified topics) {

        public Run(long after, List<FeedEvent> events, long last, boolean full, String newestOccurredAt) {
            this(after, events, last, full, newestOccurredAt, null);
        }

        Run withTopics(TopicRecorder.Classified classified) {
            return new Run(after, events, last, full, newestOccurredAt, classified);
        }
    }

    /** Fetches one run after the stored cursor and applies it (one transaction). */
    public Uni<Poll> pollOnce(String source) {
        return position(source)
                .chain(after -> fetchRun(source, after))
                .chain(run -> applyRun(source, run));
    }

    /**
     * Fetches a run and classifies its comments (a worker thread): a prefetched run is classified while the run
     * before it is still being applied, so the classifier's CPU time overlaps the transaction instead of delaying
     * the next one.
     */
    Uni<Run> fetchRun(String source, long after) {
        int limit = config.feed().batchSize();
        int maxPages = Math.max(1, config.feed().pagesPerTransaction());
        List<FeedEvent> acc = new ArrayList<>();
        return fetchPages(source, after, after, limit, maxPages, acc)
                .chain(run -> applier.prepare(run.events()).map(run::withTopics));
    }

    private Uni<Run> fetchPages(String source, long start, long after, int limit, int pagesLeft, List<FeedEvent> acc) {
        return fetch(source, after, limit).chain(page -> {
            List<FeedEvent> events = page.events() == null ? List.of() : page.events();
            acc.addAll(events);
            boolean full = events.size() >= limit;
            long last = events.isEmpty() ? after : Math.max(after, events.get(events.size() - 1).seq());
            if (full && pagesLeft > 1) {
                return fetchPages(source, start, last, limit, pagesLeft - 1, acc);
            }
            String newest = events.isEmpty() ? null : events.get(events.size() - 1).occurredAt();
            return Uni.createFrom().item(new Run(start, acc, last, full, newest));
        });
    }

    /** Applies a run: only if nothing between its start and the stored cursor is missing (no gap), exactly once. */
    public Uni<Poll> applyRun(String source, Run run) {
        return apply(source, run.events(), run.after(), run.topics())
                .invoke(p -> track(source, run, p));
    }

    /** Applies a fetched page: exactly once whatever was applied before, by this or another replica. */
    public Uni<Poll> applyPage(String source, FeedPage page, int limit) {
        List<FeedEvent> events = page.events() == null ? List.of() : page.events();
        long last = events.isEmpty() ? page.next() : events.get(events.size() - 1).seq();
        return applyRun(source, new Run(-1, events, last, events.size() >= limit,
                events.isEmpty() ? null : events.get(events.size() - 1).occurredAt()));
    }

    /**
     * One transaction: advisory lock per feed (another replica holding it: skip), cursor row lock, the events past
     * the cursor applied, cursor advanced. {@code after} is where the events were fetched from (-1: unknown, the
     * caller guarantees it is not past the cursor); events fetched from beyond the stored cursor are not applied,
     * as the events in between would be lost (a prefetched run whose predecessor did not commit).
     */
    private Uni<Poll> apply(String source, List<FeedEvent> events, long after, TopicRecorder.Classified topics) {
        // comment topics are worked out first (when fetched, or now), on a worker thread, so no CPU-bound step runs
        // inside the transaction
        Uni<TopicRecorder.Classified> prepared = topics != null ? Uni.createFrom().item(topics) : applier.prepare(events);
        return prepared.chain(classified -> pool.withTransaction(tx -> tx
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
                                if (after > position) {
                                    return Uni.createFrom().item(new Poll(source, events.size(), 0, position, false));
                                }
                                List<FeedEvent> fresh = events.stream().filter(e -> e.seq() > position).toList();
                                if (fresh.isEmpty()) {
                                    return Uni.createFrom().item(new Poll(source, events.size(), 0, position, false));
                                }
                                long last = fresh.get(fresh.size() - 1).seq();
                                return applier.apply(tx, source, fresh, classified)
                                        .call(() -> tx.preparedQuery("UPDATE feed_cursor SET position = $2, updated_at = now() "
                                                + "WHERE source = $1").execute(Tuple.of(source, last)))
                                        .map(outcome -> {
                                            count(source, outcome);
                                            return new Poll(source, events.size(), fresh.size(), last, false);
                                        });
                            });
                })))
                // committed: this replica's next query must see it, without waiting for the NOTIFY to come back
                .invoke(p -> {
                    if (p.applied() > 0) {
                        dataVersion.changed();
                    }
                });
    }

    private void count(String source, EventApplier.Outcome o) {
        registry.counter("npsloop.feed.events.applied", "source", source).increment(o.applied());
        o.unknown().forEach((type, n) -> registry.counter("npsloop.feed.events.unknown", "source", source, "type", type)
                .increment(n));
        o.invalid().forEach((type, n) -> registry.counter("npsloop.feed.events.invalid", "source", source, "type", type)
                .increment(n));
    }

    private void track(String source, Run run, Poll p) {
        Lag lag = lags.get(source);
        lag.lastSuccess = clock.instant();
        lag.lastError = null;
        if (p.position() >= 0) {
            lag.position.set(p.position());
        }
        // The feed does not publish its head: a full last page means at least one more page waits (lower bound).
        lag.events.set(run.full() ? config.feed().batchSize() : 0);
        if (run.full() && run.newestOccurredAt() != null) {
            Instant newest = OffsetDateTime.parse(run.newestOccurredAt()).toInstant();
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
