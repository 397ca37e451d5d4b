package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Feed reads that first wait until the relay has numbered every committed event. */
final class Feed {

    private Feed() {
    }

    static void settle(Pool pool) {
        for (int i = 0; i < 200; i++) {
            long n = pool.query("SELECT count(*) AS n FROM feed_event WHERE seq IS NULL").execute()
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
            if (n == 0) {
                return;
            }
            Api.sleep(50);
        }
        throw new AssertionError("feed relay did not number the outbox within 10 s");
    }

    static List<Map<String, Object>> of(Pool pool, String type, String caseId) {
        settle(pool);
        return Api.allEvents().stream().filter(e -> Api.is(e, type, "caseId", caseId)).map(Api::data)
                .collect(Collectors.toList());
    }
}
