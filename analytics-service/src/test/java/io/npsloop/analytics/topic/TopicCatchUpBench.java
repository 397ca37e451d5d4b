package io.npsloop.analytics.topic;

import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Bench (not a test: runs only with -Dbench.topics=true, from bench/analytics-topics.sh). Applies EVENTS generated
 * ResponseSubmitted events in feed pages of 1000 through the real consumer, twice side by side: without comments
 * (the service's own rollups only) and with realistic comments (topic classification + topic rollups + samples),
 * and times the classifier alone on the same comments. Writes target/analytics-topics-bench.md.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench.topics", matches = "true")
class TopicCatchUpBench {

    @Inject
    FeedConsumer consumer;
    @Inject
    Pool pool;
    @Inject
    TopicClassifier classifier;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    static List<String> comments() throws IOException {
        List<String> out = new ArrayList<>();
        for (String split : List.of("dev", "heldout")) {
            try (var in = TopicCatchUpBench.class.getClassLoader().getResourceAsStream("topics/labelled-comments-" + split + ".tsv")) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        out.add(line.split("\t", 2)[1]);
                    }
                }
            }
        }
        return out;
    }

    private long position() {
        var rs = pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of("survey"))
                .await().indefinitely();
        return rs.rowCount() == 0 ? 0 : rs.iterator().next().getLong(0);
    }

    /** Seconds spent so far classifying (worker thread) and writing topic rows (inside the transactions). */
    double[] topicSeconds() {
        return new double[]{registry.timer("npsloop.topics.classify").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9,
                registry.timer("npsloop.topics.write").totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9};
    }

    long run(String tag, int events, List<String> comments) {
        return run(tag, events, comments, false);
    }

    /** @param distinct join two random labelled comments so that (almost) every text is new: no cache hits */
    long run(String tag, int events, List<String> comments, boolean distinct) {
        Random rnd = new Random(7);
        String[] types = {"MAINTENANCE", "REPAIR", "TYRE", "RESCUE"};
        long start = System.nanoTime();
        for (int from = 0; from < events; from += 1000) {
            Events ev = new Events(position());
            for (int i = from; i < Math.min(events, from + 1000); i++) {
                String at = "2026-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10) + "T10:00:00+08:00";
                var d = Events.response(tag + i, "BS" + rnd.nextInt(60), "BR" + rnd.nextInt(6), rnd.nextInt(11), at,
                        Map.of("serviceType", types[rnd.nextInt(4)], "tenure", rnd.nextBoolean() ? "NEW" : "OLD"));
                // about 60 % of answers carry a comment
                String c = comments == null || rnd.nextInt(10) >= 6 ? null : comments.get(rnd.nextInt(comments.size()));
                if (c != null && distinct) {
                    c = c + "；" + comments.get(rnd.nextInt(comments.size())) + " " + i;
                }
                d.put("comment", c);
                ev.add("ResponseSubmitted", at, d);
            }
            consumer.applyPage("survey", ev.page(), 1000).await().atMost(Duration.ofMinutes(5));
        }
        return System.nanoTime() - start;
    }

    @Test
    void catchUpWithAndWithoutComments() throws IOException {
        int events = Integer.getInteger("bench.events", 100_000);
        List<String> comments = comments();
        // warm-up (JIT, prepared statements)
        run("w-", 5000, comments);
        long without = run("a-", events, null);
        double[] t0s = topicSeconds();
        long with = run("b-", events, comments);
        double[] t1s = topicSeconds();
        long distinct = run("c-", events, comments, true);
        double[] t2s = topicSeconds();
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip() : "n/a";
        int n = 200_000;
        // the thread's CPU time too: wall time on this shared 2-core machine mostly measures the other engineers' load
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long topics = 0;
        for (int i = 0; i < n; i++) {
            topics += classifier.classify(comments.get(i % comments.size())).topics().size();
        }
        long classify = System.nanoTime() - t0;
        long classifyCpu = threads.getCurrentThreadCpuTime() - cpu0;
        double sWithout = without / 1e9, sWith = with / 1e9, sDistinct = distinct / 1e9;
        String md = String.format(Locale.ROOT, """
                # Feed catch-up with comment topics (bench/analytics-topics.sh)

                %,d ResponseSubmitted events per run, pages of 1000 through FeedConsumer.applyPage (real PostgreSQL,
                one transaction per page), ~60 %% with a comment; the three runs in the same JVM and database, one
                after the other. Comments are classified on a worker thread before each page's transaction.
                "stock" comments are drawn from the labelled set (they repeat, as short real comments do: the
                per-text cache answers most); "distinct" ones join two labelled comments and a number (no cache hit).
                Load average at the end: %s.

                | run | seconds | events/s | projected 1 M events | classifying (worker) | topic writes (in tx) |
                |---|---|---|---|---|---|
                | without comments (service rollups only) | %.1f | %,.0f | %.0f s | | |
                | with stock comments | %.1f | %,.0f | %.0f s | %.1f s | %.1f s |
                | with distinct comments | %.1f | %,.0f | %.0f s | %.1f s | %.1f s |

                Ratio with/without: **%.2f** (stock), **%.2f** (distinct).

                Classifier alone: %,d comments in %.1f s single-threaded = %,.0f comments/s (%.1f µs each; %d topics found);
                on CPU time (%.1f s of this thread): %,.0f comments/s (%.1f µs each).
                """, events, load, sWithout, events / sWithout, sWithout * 1e6 / events, sWith, events / sWith,
                sWith * 1e6 / events, t1s[0] - t0s[0], t1s[1] - t0s[1], sDistinct, events / sDistinct,
                sDistinct * 1e6 / events, t2s[0] - t1s[0], t2s[1] - t1s[1], sWith / sWithout, sDistinct / sWithout, n, classify / 1e9, n / (classify / 1e9), classify / 1e3 / n, topics,
                classifyCpu / 1e9, n / (classifyCpu / 1e9), classifyCpu / 1e3 / n);
        Files.writeString(Path.of("target", "analytics-topics-bench.md"), md);
        System.out.println(md);
    }
}
