package io.npsloop.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2: PostgreSQL stops in the middle of a write load and comes back. Proves: only 2xx or 503 (with
 * Retry-After, problem+json) reach clients, never a 500; every service's readiness is DOWN during the outage and UP
 * again afterwards without a restart; every write that got a 2xx is in the database; writes succeed after it.
 */
@Order(3)
class DatabaseOutageTest {

    static final int OUTAGE_SECONDS = Integer.getInteger("reliability.outage-seconds", 4);
    static Suite suite;
    static Chain chain;

    @BeforeAll
    static void start() {
        suite = Suite.shared();
        chain = new Chain(suite.svc("survey").url());
    }

    record Outcome(String what, String orderId, Http.Resp resp) {
    }

    @Test
    void outageGives503WithRetryAfterAndLosesNoAcknowledgedWrite() throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger seq = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    int n = seq.incrementAndGet();
                    String orderId = "OUT-" + n;
                    Http.Resp order = chain.order(orderId, 1_000_000 + n, Suite.STORES);
                    outcomes.add(new Outcome("order", orderId, order));
                    String token = Chain.token(order);
                    if (order.ok() && token != null) {
                        outcomes.add(new Outcome("response", orderId, chain.respond(token, n % 11, n)));
                    }
                }
            }, "outage-writer-" + w);
            t.start();
            writers.add(t);
        }
        Poll.until("30 acknowledged orders before the outage", Duration.ofSeconds(60),
                () -> outcomes.stream().filter(o -> o.what.equals("order") && o.resp.ok()).count() >= 30);

        long stopped = System.nanoTime();
        suite.pg.stop();
        for (Svc s : suite.services.values()) {
            Poll.until(s.name + " readiness DOWN", Duration.ofSeconds(30), () -> !s.ready());
        }
        // One request per service that needs the database while it is gone: 503 + Retry-After, problem+json.
        Map<String, Http.Resp> during = new TreeMap<>();
        during.put("survey POST /api/v1/orders", chain.order("OUT-DURING", 9_999_999, Suite.STORES));
        during.put("referral POST /api/v1/referrals/issue", Http.postJson(suite.svc("referral").url() + "/api/v1/referrals/issue",
                "{\"customerKey\":\"" + "0b".repeat(32) + "\",\"storeId\":\"S01\",\"displayName\":\"李雷\"}", Chain.SERVICE));
        during.put("analytics GET /api/v1/nps", Http.get(suite.svc("analytics").url() + "/api/v1/nps?from=2026-01-01&to=2026-12-31", Chain.HQ));
        // The outage has a length by definition (issue 9: 20 s in the full run): the one deliberate sleep.
        Thread.sleep(Math.max(0, OUTAGE_SECONDS * 1000L - (System.nanoTime() - stopped) / 1_000_000));
        suite.pg.start();
        for (Svc s : suite.services.values()) {
            Poll.until(s.name + " readiness UP again without a restart", Duration.ofSeconds(60), s::ready);
        }
        List<String> stuck = new ArrayList<>();
        for (Svc s : suite.services.values()) {
            if (!s.ready()) {
                stuck.add(s.name + ": " + Http.get(s.url() + "/q/health/ready", null).body());
            }
        }
        int after = seq.get();
        Poll.until("20 acknowledged orders after the outage", Duration.ofSeconds(60),
                () -> outcomes.stream().filter(o -> o.what.equals("order") && o.resp.ok()
                        && Integer.parseInt(o.orderId.substring(4)) > after).count() >= 20);
        running.set(false);
        for (Thread t : writers) {
            t.join();
        }

        during.forEach((what, r) -> {
            assertEquals(503, r.status(), what + " during the outage: " + r);
            assertNotNull(r.retryAfter(), what + " has Retry-After: " + r);
            assertTrue(r.contentType() != null && r.contentType().startsWith("application/problem+json"), what + ": " + r);
        });
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        for (Outcome o : outcomes) {
            statuses.merge(o.resp.status(), 1, Integer::sum);
            boolean fine = o.resp.ok() || (o.resp.status() == 503 && o.resp.retryAfter() != null
                    && o.resp.contentType().startsWith("application/problem+json"));
            if (!fine) {
                bad.add(o.what + " " + o.orderId + " → " + o.resp);
            }
        }
        Results.report("outage", String.format("%d s outage; client statuses %s; readiness still DOWN after recovery: %s", OUTAGE_SECONDS, statuses, stuck.isEmpty() ? "none" : stuck));
        assertTrue(bad.isEmpty(), "only 2xx or 503+Retry-After allowed; got " + bad.size() + ": "
                + bad.subList(0, Math.min(5, bad.size())));
        assertTrue(statuses.getOrDefault(503, 0) + during.size() > 0, "the outage was seen by clients");

        // Every acknowledged write is stored (one query per table, compared as sets).
        java.util.Set<String> orders = new java.util.HashSet<>(suite.pg.strings("npsloop_survey",
                "SELECT order_id FROM service_order WHERE order_id LIKE 'OUT-%'"));
        java.util.Set<String> answers = new java.util.HashSet<>(suite.pg.strings("npsloop_survey",
                "SELECT order_id FROM response WHERE order_id LIKE 'OUT-%'"));
        List<String> lost = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.resp.ok() && !(o.what.equals("order") ? orders : answers).contains(o.orderId)) {
                lost.add(o.what + " " + o.orderId);
            }
        }
        assertTrue(lost.isEmpty(), "acknowledged but not stored: " + lost);
        // Nothing half-written: an order is either fully there (with its invitation) or absent.
        assertEquals(0, suite.pg.count("npsloop_survey",
                "SELECT count(*) FROM service_order o WHERE NOT EXISTS (SELECT 1 FROM invitation i WHERE i.order_id = o.order_id)"));
        assertEquals(0, suite.pg.count("npsloop_survey", "SELECT count(*) FROM service_order WHERE order_id = 'OUT-DURING'"));
        // Writes work again, answered by the same processes.
        Http.Resp again = chain.order("OUT-AFTER", 9_999_998, Suite.STORES);
        assertEquals(201, again.status(), "write after the outage: " + again);
    }
}
