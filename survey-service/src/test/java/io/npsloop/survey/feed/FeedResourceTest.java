package io.npsloop.survey.feed;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.OutboxPlans;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FeedResourceTest {

    @Inject
    Pool pool;

    @Inject
    EventOutbox outbox;

    record Page(List<Map<String, Object>> events, long next) {
    }

    static Page read(long after, int limit) {
        JsonPath p = given().header("Authorization", TestTokens.bearer("SERVICE"))
                .queryParam("after", after).queryParam("limit", limit)
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        return new Page(p.getList("events"), p.getLong("next"));
    }

    /** Reads from {@code after} until nothing new; answers the events and the final cursor. */
    static Page drain(long after) {
        List<Map<String, Object>> all = new ArrayList<>();
        long cursor = after;
        while (true) {
            Page p = read(cursor, 7);
            all.addAll(p.events());
            if (p.events().isEmpty()) {
                assertEquals(cursor, p.next());
                return new Page(all, cursor);
            }
            cursor = p.next();
        }
    }

    private void commitEvent(String type, String marker) {
        pool.withTransaction(c -> outbox.append(c, type, Map.of("marker", marker))).await().indefinitely();
    }

    @Test
    void readerNeverSkipsAnEventCommittedLateBySlowTransaction() {
        String run = java.util.UUID.randomUUID().toString();
        // the slow transaction inserts first (lower id) and stays open
        SqlConnection slow = pool.getConnection().await().indefinitely();
        Transaction tx = slow.begin().await().indefinitely();
        try {
            outbox.append(slow, "SlowEvent", Map.of("marker", run)).await().indefinitely();
            commitEvent("FastEvent", run);

            long cursor = 0;
            boolean fastSeen = false;
            long deadline = System.currentTimeMillis() + 10_000;
            while (!fastSeen && System.currentTimeMillis() < deadline) {
                Page p = drain(cursor);
                cursor = p.next();
                fastSeen = p.events().stream().anyMatch(e -> "FastEvent".equals(e.get("type"))
                        && run.equals(Api.data(e).get("marker")));
                assertTrue(p.events().stream().noneMatch(e -> "SlowEvent".equals(e.get("type"))
                        && run.equals(Api.data(e).get("marker"))), "uncommitted event visible");
                Api.sleep(20);
            }
            assertTrue(fastSeen, "the committed event was numbered");
            tx.commit().await().indefinitely();

            boolean slowSeen = false;
            deadline = System.currentTimeMillis() + 10_000;
            while (!slowSeen && System.currentTimeMillis() < deadline) {
                Page p = drain(cursor);
                cursor = p.next();
                slowSeen = p.events().stream().anyMatch(e -> "SlowEvent".equals(e.get("type"))
                        && run.equals(Api.data(e).get("marker")));
                Api.sleep(20);
            }
            assertTrue(slowSeen, "a reader continuing from its cursor sees the late commit");
        } finally {
            slow.close().await().indefinitely();
        }
    }

    @Test
    void concurrentWritersWithRandomDelaysAreAllSeenOnceGapFree() throws Exception {
        String run = java.util.UUID.randomUUID().toString();
        long start = drain(0).next();
        int writers = 8;
        int perWriter = 8;
        AtomicBoolean done = new AtomicBoolean();
        Set<String> seen = new HashSet<>();
        List<Long> seqs = new ArrayList<>();
        ExecutorService exec = Executors.newFixedThreadPool(writers + 1);
        Future<?> reader = exec.submit(() -> {
            long cursor = start;
            int idle = 0;
            while (idle < 15) {
                Page p = read(cursor, 50);
                for (Map<String, Object> e : p.events()) {
                    seqs.add(((Number) e.get("seq")).longValue());
                    if ("Stress".equals(e.get("type")) && run.equals(Api.data(e).get("run"))) {
                        assertTrue(seen.add((String) Api.data(e).get("n")), "duplicate " + e);
                    }
                }
                cursor = p.next();
                idle = p.events().isEmpty() && done.get() ? idle + 1 : 0;
                Api.sleep(10);
            }
        });
        List<Future<?>> ws = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            ws.add(exec.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    int n = i;
                    long delay = ThreadLocalRandom.current().nextLong(1, 60);
                    pool.withTransaction(c -> outbox.append(c, "Stress", Map.of("run", run, "n", writer + "-" + n))
                                    .onItem().delayIt().by(java.time.Duration.ofMillis(delay)))
                            .await().indefinitely();
                }
            }));
        }
        for (Future<?> f : ws) {
            f.get(60, TimeUnit.SECONDS);
        }
        done.set(true);
        reader.get(60, TimeUnit.SECONDS);
        exec.shutdown();
        assertEquals(writers * perWriter, seen.size());
        for (int i = 1; i < seqs.size(); i++) {
            assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "gap-free and in order");
        }
    }

    @Test
    void relayLooksUpTheBatchByKeyInsteadOfScanningTheWholeTable() {
        // Joined straight to its LIMIT sub-select, the relay's update was planned as a hash join over a sequential
        // scan of every event, once per tick, as soon as the statistics showed a backlog.
        String plan = OutboxPlans.explainWithBacklog(FeedRelay.number(10000));
        assertTrue(plan.contains("Index Scan using feed_event_pkey on feed_event f"), plan);
        assertFalse(plan.contains("Seq Scan on feed_event"), plan);
    }

    @Test
    void relayPlansForTheTableAsItIsNotAsItWasWhenSmall() {
        // A plan kept from a nearly empty table joined every id to a scan of the whole table; the statement is planned
        // on each run, against the table's current size even when its statistics are from when it was small.
        String plan = OutboxPlans.explainAfterGrowth(FeedRelay.number(10000));
        assertTrue(plan.contains("Index Scan using feed_event_pkey on feed_event f"), plan);
        assertFalse(plan.contains("Seq Scan on feed_event f"), plan);
    }

    @Test
    void contractShapeAndParameters() {
        commitEvent("ShapeEvent", "x");
        Api.awaitEvent(e -> "ShapeEvent".equals(e.get("type")));
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).queryParam("limit", 1)
                .get("/api/v1/events").then().statusCode(200)
                .body("events.size()", is(1)).body("events[0].seq", is(1)).body("next", is(1))
                .body("events[0].occurredAt", org.hamcrest.Matchers.endsWith("+08:00"));
        given().header("Authorization", TestTokens.bearer("SERVICE")).queryParam("after", 999999)
                .get("/api/v1/events").then().statusCode(200).body("events.size()", is(0)).body("next", is(999999));
        for (String bad : List.of("0", "1001", "x", "-1")) {
            given().header("Authorization", TestTokens.bearer("SERVICE")).queryParam("limit", bad)
                    .get("/api/v1/events").then().statusCode(400).body("invalidParams.name", hasItem("limit"));
        }
        given().header("Authorization", TestTokens.bearer("SERVICE")).queryParam("after", "abc")
                .get("/api/v1/events").then().statusCode(400).body("invalidParams.name", hasItem("after"));
        given().get("/api/v1/events").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S1")).get("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("INTEGRATION")).get("/api/v1/events").then().statusCode(403);
    }
}
