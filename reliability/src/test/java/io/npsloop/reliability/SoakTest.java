package io.npsloop.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 4 (only with -Dreliability.soak-seconds, see bench/reliability-soak.sh): mixed load through the
 * gateway's GraphQL and the public survey and landing pages, first closed-loop to find the maximum rate, then
 * open-loop at half of it. Reports p99, heap and RSS of every service and the database connections at start and
 * end; fails on any error or on database connections that grew.
 */
@Order(4)
class SoakTest {

    @Test
    void halfMaximumForTheSoakPeriod() throws Exception {
        long soakSeconds = Long.getLong("reliability.soak-seconds", 0);
        Assumptions.assumeTrue(soakSeconds > 0, "soak only in bench/reliability-soak.sh");
        Suite suite = Suite.shared();
        Assumptions.assumeTrue(suite.svc("gateway") != null, "the soak goes through the gateway (-Dreliability.gateway=true)");
        Chain chain = new Chain(suite.svc("survey").url());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tokens.add(Chain.token(chain.order("SOAK-" + i, 7_000_000 + i, Suite.STORES)));
        }
        for (int i = 0; i < 10; i++) {
            chain.respond(Chain.token(chain.order("SOAK-P" + i, 7_100_000 + i, Suite.STORES)), 10, 7_100_000 + i);
        }
        Poll.until("promoter codes for the landing page", java.time.Duration.ofSeconds(60),
                () -> suite.pg.count("npsloop_referral", "SELECT count(*) FROM referral_code") > 0);
        List<String> codes = suite.pg.strings("npsloop_referral", "SELECT code FROM referral_code LIMIT 20");
        LocalDate today = LocalDate.now(Chain.ZONE);
        String graphql = "{\"query\":\"{ nps(from: \\\"" + today.minusDays(30) + "\\\", to: \\\"" + today
                + "\\\") { value n } regions { id name } }\"}";
        AtomicInteger seq = new AtomicInteger();
        java.util.function.Supplier<Http.Resp> mixed = () -> {
            int n = seq.incrementAndGet();
            return switch (n % 5) {
                case 0, 1, 2 -> Http.send("POST", suite.svc("gateway").url() + "/graphql",
                        java.net.http.HttpRequest.BodyPublishers.ofString(graphql), Chain.HQ, "application/json", Map.of());
                case 3 -> Http.get(suite.svc("survey").url() + "/s/" + tokens.get(n % tokens.size()), null);
                default -> Http.get(suite.svc("referral").url() + "/r/" + codes.get(n % codes.size()), null);
            };
        };

        // 1. maximum: closed loop, 8 clients, 20 s
        long maxSeconds = Long.getLong("reliability.soak-max-seconds", 20);
        AtomicLong done = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long until = System.nanoTime() + maxSeconds * 1_000_000_000L;
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < until) {
                    mixed.get();
                    done.incrementAndGet();
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(maxSeconds + 60, TimeUnit.SECONDS);
        double max = done.get() / (double) maxSeconds;
        double rate = max / 2;

        // 2. soak: open loop at half the maximum
        Map<String, String> start = snapshot(suite);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        long periodMicros = (long) (1_000_000 / rate);
        ticker.scheduleAtFixedRate(() -> workers.submit(() -> {
            long t0 = System.nanoTime();
            Http.Resp r = mixed.get();
            latencies.add((System.nanoTime() - t0) / 1000);
            if (!r.ok()) {
                errors.merge(r.status() + " " + (r.body() == null ? r.error() : r.body().substring(0, Math.min(100, r.body().length()))), 1, Integer::sum);
            }
        }), 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(soakSeconds * 1000); // the soak's length is its definition, not a wait for a condition
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        Map<String, String> end = snapshot(suite);

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted[sorted.length / 2] / 1000.0;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1000.0;
        Results.report("soak", String.format("max %.0f req/s (closed loop, 8 clients, %d s); soak %d s at %.0f req/s: %d requests, "
                        + "errors %d %s, p50 %.1f ms, p99 %.1f ms; start %s; end %s",
                max, maxSeconds, soakSeconds, rate, sorted.length, errors.values().stream().mapToInt(Integer::intValue).sum(),
                errors, p50, p99, start, end));
        assertTrue(errors.isEmpty(), "errors under half the maximum load: " + errors);
        for (String db : HostileInputTest.DATABASES) {
            long s = Long.parseLong(start.get(db + " connections"));
            long e = Long.parseLong(end.get(db + " connections"));
            assertTrue(e <= Math.max(s, 20) , db + " connections grew from " + s + " to " + e);
        }
    }

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*}\\s+([0-9.E+]+)", Pattern.MULTILINE);

    private static Map<String, String> snapshot(Suite suite) {
        Map<String, String> s = new TreeMap<>();
        for (Svc svc : suite.services.values()) {
            Http.Resp metrics = Http.get(svc.url() + "/q/metrics", null);
            double heap = 0;
            Matcher m = HEAP.matcher(metrics.body() == null ? "" : metrics.body());
            while (m.find()) {
                heap += Double.parseDouble(m.group(1));
            }
            s.put(svc.name + " heap MiB", String.format("%.0f", heap / 1024 / 1024));
            s.put(svc.name + " RSS MiB", String.valueOf(svc.rssKib() / 1024));
        }
        for (String db : HostileInputTest.DATABASES) {
            s.put(db + " connections", String.valueOf(suite.pg.connections(db)));
        }
        return s;
    }
}
