package io.npsloop.analytics.topic;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/** Deletes stored sample comments older than npsloop.topics.sample-retention (on the reactive Pool). */
@ApplicationScoped
public class TopicRetention {

    private static final Logger LOG = Logger.getLogger(TopicRetention.class);

    private final Pool pool;
    private final TopicsConfig config;
    private final Clock clock;
    private final AnalyticsConfig analytics;

    TopicRetention(Pool pool, TopicsConfig config, Clock clock, AnalyticsConfig analytics) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
        this.analytics = analytics;
    }

    @Scheduled(every = "${npsloop.topics.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().onFailure().invoke(e -> LOG.warnf("sample comment purge failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Number of comments deleted. */
    public Uni<Integer> purge() {
        LocalDate keepFrom = LocalDate.now(clock.withZone(analytics.zone())).minusDays(config.sampleRetention().toDays());
        return pool.preparedQuery("DELETE FROM topic_comment WHERE day < $1").execute(Tuple.of(keepFrom))
                .map(rs -> rs.rowCount());
    }
}
