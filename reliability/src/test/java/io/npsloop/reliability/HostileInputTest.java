package io.npsloop.reliability;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 3 (REST side): every operation of every service's /q/openapi gets {@code reliability.fuzz-per-endpoint}
 * hostile requests ({@link Fuzzer}). Pass: no 5xx, every 4xx of a JSON API is application/problem+json, rejected
 * requests write no row (exact row counts of every table of the three databases before and after each operation's
 * batch), and a script stored through the APIs is escaped on the survey page and the referral landing page.
 */
@Order(1)
class HostileInputTest {

    static final int PER_ENDPOINT = Integer.getInteger("reliability.fuzz-per-endpoint", Fuzzer.KINDS.length);
    static final String[] DATABASES = {"npsloop_survey", "npsloop_analytics", "npsloop_referral"};
    static Suite suite;

    @BeforeAll
    static void start() {
        suite = Suite.shared();
    }

    @Test
    void hostileRequestsGetProblemDocumentsAndWriteNothing() throws Exception {
        List<Fuzzer.Op> ops = new ArrayList<>();
        for (String s : List.of("survey", "analytics", "referral")) {
            ops.addAll(Fuzzer.operations(s, suite.svc(s).url()));
        }
        assertTrue(ops.size() > 20, "OpenAPI lists the endpoints: " + ops.size());
        Map<String, String> findings = new LinkedHashMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        AtomicLong sent = new AtomicLong();
        List<String> writes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        settle(); // the other services may still be consuming the directory's feed events
        try {
            for (int o = 0; o < ops.size(); o++) {
                Fuzzer.Op op = ops.get(o);
                Fuzzer fuzzer = new Fuzzer(o);
                List<Fuzzer.Req> batch = new ArrayList<>();
                for (int i = 0; i < PER_ENDPOINT; i++) {
                    batch.add(fuzzer.request(op, i));
                }
                Map<String, Long> before = rows();
                List<Future<Http.Resp>> futures = new ArrayList<>();
                for (Fuzzer.Req r : batch) {
                    futures.add(pool.submit(() -> Http.send(r.method(), r.url(), r.publisher(), r.bearer(), r.contentType(), Map.of())));
                }
                boolean accepted = false;
                for (int i = 0; i < batch.size(); i++) {
                    Fuzzer.Req req = batch.get(i);
                    Http.Resp resp = futures.get(i).get();
                    sent.incrementAndGet();
                    statuses.merge(resp.status(), 1L, Long::sum);
                    String problem = verdict(op, req, resp);
                    if (problem != null) {
                        findings.putIfAbsent(op.label() + " → " + problem, req.describe() + "\n    → " + resp);
                    }
                    if (resp.ok() && !req.method().equals("GET")) {
                        accepted = true;
                        writes.add(op.label() + " [" + req.kind() + "] → " + resp.status());
                    }
                }
                if (accepted) {
                    // Accepted writes may start feed work in the other services: let it settle before the next batch.
                    settle();
                } else {
                    // a rejected request can only write the database of the service it reached; the others may
                    // still be consuming feed events of earlier accepted writes
                    Map<String, Long> after = own(rows(), op.service());
                    if (!own(before, op.service()).equals(after)) {
                        findings.putIfAbsent(op.label() + " → rejected requests changed row counts",
                                diff(own(before, op.service()), after));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        findings.putAll(storedScriptsAreEscaped());
        Path report = Suite.ROOT.resolve("reliability/target/fuzz-findings.md");
        StringBuilder md = new StringBuilder("# Fuzz findings (" + sent + " requests)\n\n");
        findings.forEach((k, v) -> md.append("- **").append(k).append("**\n    ").append(v).append("\n"));
        Files.writeString(report, md);
        Results.report("fuzz", String.format("%d operations, %d requests in %.1f s; statuses %s; accepted writes %d; "
                        + "findings %d (%s)",
                ops.size(), sent.get(), seconds, statuses, writes.size(), findings.size(), report));
        findings.forEach((k, v) -> System.out.println("FINDING " + k + "\n    " + v));
        assertTrue(findings.isEmpty(), findings.size() + " findings, see " + report + ": " + findings.keySet());
    }

    @Test
    void hostileGraphqlNeverGets5xx() throws Exception {
        Assumptions.assumeTrue(suite.svc("gateway") != null, "gateway not started (-Dreliability.gateway=true)");
        int total = Integer.getInteger("reliability.fuzz-graphql", GraphqlFuzzer.KINDS.length * 4);
        Map<String, String> findings = new LinkedHashMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        long slowest = 0;
        String slowestKind = "";
        GraphqlFuzzer fuzzer = new GraphqlFuzzer(7);
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            Fuzzer.Req req = fuzzer.request(suite.svc("gateway").url(), i);
            long t0 = System.nanoTime();
            Http.Resp resp = Http.send(req.method(), req.url(), req.publisher(), req.bearer(), req.contentType(), Map.of());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > slowest) {
                slowest = ms;
                slowestKind = req.kind();
            }
            statuses.merge(resp.status(), 1L, Long::sum);
            String problem = resp.status() < 0 ? "transport failure " + resp.error()
                    : resp.status() >= 500 ? resp.status() + " " + req.kind()
                    : resp.status() >= 400 && !(resp.contentType() != null && (resp.contentType().startsWith("application/problem+json")
                    || resp.body() != null && resp.body().contains("\"errors\""))) ? resp.status() + " neither problem+json nor GraphQL errors " + req.kind()
                    : null;
            if (problem != null) {
                findings.putIfAbsent("gateway POST /graphql → " + problem, req.describe() + "\n    → " + resp);
            }
        }
        Results.report("fuzz-graphql", String.format("%d requests in %.1f s; statuses %s; slowest %d ms (%s); findings %d",
                total, (System.nanoTime() - started) / 1e9, statuses, slowest, slowestKind, findings.size()));
        findings.forEach((k, v) -> System.out.println("FINDING " + k + "\n    " + v));
        Files.writeString(Suite.ROOT.resolve("reliability/target/fuzz-graphql-findings.md"), findings.toString());
        assertTrue(findings.isEmpty(), findings.size() + " GraphQL findings: " + findings.keySet());
    }

    /** Null when the answer is acceptable for hostile input. */
    private static String verdict(Fuzzer.Op op, Fuzzer.Req req, Http.Resp resp) {
        if (resp.status() == -2) {
            return null; // the JDK refused to send it (an illegal URL): nothing reached the service
        }
        if (resp.status() == -1) {
            // A server may close the connection while an oversized body is still being sent (after its 413).
            return req.kind().equals("oversized-body") ? null : "transport failure " + resp.error();
        }
        if (resp.status() >= 500) {
            return resp.status() + " " + req.kind();
        }
        if (resp.status() >= 400 && !op.html() && (resp.contentType() == null
                || !resp.contentType().startsWith("application/problem+json"))) {
            return resp.status() + " not problem+json (" + resp.contentType() + ") " + req.kind();
        }
        return null;
    }

    private static final Map<String, String> COUNT_QUERIES = new java.util.HashMap<>();

    /** Exact row count of every table of the three databases (one UNION query per database). */
    private static Map<String, Long> rows() {
        Map<String, Long> counts = new TreeMap<>();
        for (String db : DATABASES) {
            String sql = COUNT_QUERIES.computeIfAbsent(db, d -> String.join(" UNION ALL ", suite.pg.strings(d,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
                            + "AND table_name <> 'flyway_schema_history' ORDER BY table_name").stream()
                    .map(t -> "SELECT '" + t + "=' || count(*) FROM \"" + t + "\"").toList()));
            for (String row : suite.pg.strings(db, sql)) {
                int eq = row.lastIndexOf('=');
                counts.put(db + "." + row.substring(0, eq), Long.parseLong(row.substring(eq + 1)));
            }
        }
        return counts;
    }

    /** The counts of one service's own database ({@code npsloop_<service>.<table>}). */
    private static Map<String, Long> own(Map<String, Long> counts, String service) {
        Map<String, Long> mine = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (k.startsWith("npsloop_" + service + ".")) {
                mine.put(k, v);
            }
        });
        if (mine.isEmpty()) {
            throw new IllegalStateException("no tables counted for " + service + ": the check would prove nothing");
        }
        return mine;
    }

    private static void settle() {
        Map<String, Long>[] last = new Map[]{rows()};
        Poll.until("row counts stable after accepted writes", Duration.ofSeconds(30), () -> {
            Poll.pause();
            Poll.pause();
            Map<String, Long> now = rows();
            boolean stable = now.equals(last[0]);
            last[0] = now;
            return stable;
        });
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder sb = new StringBuilder();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                sb.append(k).append(' ').append(before.get(k)).append("→").append(v).append("; ");
            }
        });
        return sb.toString();
    }

    /** A script stored through the APIs must come back escaped on the public HTML pages. */
    private static Map<String, String> storedScriptsAreEscaped() {
        Map<String, String> found = new LinkedHashMap<>();
        String script = "<script>alert('xss')</script>";
        String survey = suite.svc("survey").url();
        Http.Resp store = Http.postJson(survey + "/api/v1/stores", "{\"id\":\"SX1\",\"name\":\"" + script.replace("'", "\\u0027")
                + "\",\"city\":\"<img src=x onerror=alert(1)>\",\"regionId\":\"R1\",\"networks\":[\"10.99.0.0/24\"],"
                + "\"alertRecipients\":{\"STORE_MANAGER\":\"wecom:x\",\"GENERAL_MANAGER\":\"wecom:y\"}}", Fuzzer.INTEGRATION);
        Chain chain = new Chain(survey);
        String storeId = store.ok() ? "SX1" : "S01";
        Http.Resp order = chain.orderAt("XSS-1", 8_000_001, storeId);
        String token = Chain.token(order);
        assertEquals(201, order.status(), "order for the stored-script check: " + order);
        {
            Http.Resp page = Http.get(survey + "/s/" + token, null);
            if (page.body() != null && (page.body().contains("<script>alert") || page.body().contains("<img src=x"))) {
                found.put("survey page renders a stored script unescaped", "GET /s/" + token + " → " + page);
            }
        }
        String issue = "{\"customerKey\":\"" + "0c".repeat(32) + "\",\"storeId\":\"" + storeId + "\",\"displayName\":\""
                + script.replace("'", "\\u0027") + "\"}";
        Http.Resp[] issued = new Http.Resp[1];
        // referral learns the new store from survey's feed: poll until it accepts the code for it
        Poll.until("referral issues a code at " + storeId, Duration.ofSeconds(30), () -> (issued[0] = Http.postJson(
                suite.svc("referral").url() + "/api/v1/referrals/issue", issue, Fuzzer.SERVICE)).ok());
        Http.Resp code = issued[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(code.body() == null ? "" : code.body());
        assertTrue(m.find(), "issued code: " + code);
        {
            Http.Resp landing = Http.get(suite.svc("referral").url() + "/r/" + m.group(1), null);
            // the visit is a click: wait for its flush so later tests count from a settled total
            Poll.until("the landing page click is stored", Duration.ofSeconds(30), () -> suite.pg.count("npsloop_referral",
                    "SELECT count(*) FROM click WHERE code = '" + m.group(1) + "'") == 1);
            if (landing.body() != null && (landing.body().contains("<script>alert") || landing.body().contains("<img src=x"))) {
                found.put("landing page renders a stored script unescaped", "GET /r/" + m.group(1) + " → " + landing);
            }
        }
        System.out.println("[fuzz] stored-script check: store " + store.status() + ", order " + order.status()
                + ", code " + code.status());
        return found;
    }
}
