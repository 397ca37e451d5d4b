package io.npsloop.referral.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.referral.config.ReferralConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Reads survey-service's feed on the reactive Pool. Each page is applied in ONE transaction that first locks the
 * cursor row ({@code SELECT … FOR UPDATE}) and checks it still equals the {@code after} the page was fetched with:
 * a second replica that fetched the same page waits for the lock, sees the cursor moved and discards its copy, so
 * no event is applied twice; effects and the new cursor commit together (exactly once). Failures back off
 * exponentially (initial → max); unknown event types are skipped and counted.
 */
@ApplicationScoped
public class SurveyFeedConsumer {

    private static final Logger LOG = Logger.getLogger(SurveyFeedConsumer.class);
    static final String SOURCE = "survey";

    private final Pool pool;
    private final SurveyFeedApi api;
    private final ServiceToken token;
    private final EventApplier applier;
    private final ReferralConfig.Feed.Consumer cfg;
    private final MeterRegistry registry;
    private volatile int failures;
    private volatile long nextAttemptNanos = System.nanoTime();

    SurveyFeedConsumer(Pool pool, @RestClient SurveyFeedApi api, ServiceToken token, EventApplier applier,
                       ReferralConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.api = api;
        this.token = token;
        this.applier = applier;
        this.cfg = config.feed().consumer();
        this.registry = registry;
    }

    @Scheduled(every = "${npsloop.feed.consumer.poll-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!cfg.enabled() || System.nanoTime() - nextAttemptNanos < 0) {
            return Uni.createFrom().voidItem();
        }
        return drain().onItem().invoke(n -> failures = 0)
                .onFailure().recoverWithItem(e -> {
                    failures++;
                    Duration wait = backoff(failures, cfg.backoffInitial(), cfg.backoffMax());
                    nextAttemptNanos = System.nanoTime() + wait.toNanos();
                    registry.counter("npsloop.feed.consumer.failures").increment();
                    LOG.warnf("survey feed unavailable (%d in a row), next try in %s: %s", failures, wait, e.getMessage());
                    return 0;
                }).replaceWithVoid();
    }

    static Duration backoff(int failures, Duration initial, Duration max) {
        long factor = 1L << Math.min(20, Math.max(0, failures - 1));
        Duration d = initial.multipliedBy(factor);
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Polls page after page (at most max-pages) until a page comes back short; answers events applied. */
    public Uni<Integer> drain() {
        return drain(0, 0);
    }

    private Uni<Integer> drain(int pages, int applied) {
        return pollOnce().chain(r -> {
            int total = applied + Math.max(0, r.applied());
            if (r.full() && pages + 1 < cfg.maxPages()) {
                return drain(pages + 1, total);
            }
            return Uni.createFrom().item(total);
        });
    }

    public record Poll(int applied, boolean full) {
    }

    /** Fetches one page after the stored cursor and applies it. */
    public Uni<Poll> pollOnce() {
        return pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of(SOURCE))
                .map(rows -> rows.iterator().next().getLong("position"))
                .chain(after -> api.events(after, cfg.pageSize(), token.bearer())
                        .chain(page -> apply(after, page)));
    }

    Uni<Poll> apply(long after, SurveyEvents page) {
        List<SurveyEvents.Event> events = page.events() == null ? List.of()
                : page.events().stream().filter(e -> e.seq() > after).sorted(Comparator.comparingLong(SurveyEvents.Event::seq)).toList();
        boolean full = page.events() != null && page.events().size() >= cfg.pageSize();
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Poll(0, false));
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1 FOR UPDATE")
                        .execute(Tuple.of(SOURCE))
                        .chain(rows -> {
                            long position = rows.iterator().next().getLong("position");
                            if (position != after) {
                                LOG.debugf("cursor moved from %d to %d by another replica: page discarded", after, position);
                                return Uni.createFrom().item(new Poll(-1, true));
                            }
                            return applyAll(tx, events).chain(counts -> tx.preparedQuery(
                                            "UPDATE feed_cursor SET position = $2, applied = applied + $3, skipped = skipped + $4, updated_at = now() WHERE source = $1")
                                    .execute(Tuple.of(SOURCE, events.get(events.size() - 1).seq(), counts[0], counts[1]))
                                    .replaceWith(new Poll(counts[0], full)));
                        }))
                .invoke(applier::afterCommit);
    }

    private Uni<int[]> applyAll(SqlClient tx, List<SurveyEvents.Event> events) {
        int[] counts = new int[2];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SurveyEvents.Event e : events) {
            chain = chain.chain(() -> applier.apply(tx, e).invoke(applied -> {
                String outcome = applied == null ? "unknown" : applied ? "applied" : "ignored";
                registry.counter("npsloop.feed.consumer.events", "type", e.type() == null ? "null" : e.type(), "outcome", outcome)
                        .increment();
                if (applied == null) {
                    counts[1]++;
                } else {
                    counts[0]++;
                }
            }).replaceWithVoid());
        }
        return chain.replaceWith(counts);
    }
}
