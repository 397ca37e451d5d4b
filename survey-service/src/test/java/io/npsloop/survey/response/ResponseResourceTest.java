package io.npsloop.survey.response;

import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.MutableClock;
import io.npsloop.testsupport.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.npsloop.survey.support.Api.data;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ResponseResourceTest {

    @Inject
    MutableClock clock;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    static ValidatableResponse answer(String token, String body) {
        return given().contentType("application/json").body(body)
                .post("/api/v1/surveys/" + token + "/response").then();
    }

    @Test
    void storesOncePublishesAndRetryIsIdempotent() {
        String token = Api.invite("S-R1");
        String body = "{\"score\": 3, \"comment\": \"等了两个小时，电话 13800138000，车牌 粤B12345\", "
                + "\"ratings\": {\"responseSpeed\": 1, \"care\": 4}, \"reasons\": [\"WAIT_TIME\", \"ATTITUDE\"]}";
        String id = answer(token, body).statusCode(201).contentType("application/json")
                .body("responseId", notNullValue()).extract().path("responseId");
        answer(token, body).statusCode(200).body("responseId", is(id));
        answer(token, "{\"score\": 4}").statusCode(409).contentType("application/problem+json");

        Map<String, Object> e = Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id));
        Map<String, Object> d = data(e);
        assertEquals(3, d.get("score"));
        assertEquals("DETRACTOR", d.get("category"));
        assertEquals("LINK", d.get("channel"));
        assertEquals("S-R1", d.get("storeId"));
        assertEquals("MAINTENANCE", d.get("serviceType"));
        assertEquals(List.of("ATTITUDE", "WAIT_TIME"), d.get("reasons"));
        assertEquals(Map.of("responseSpeed", 1, "care", 4), d.get("ratings"));
        String comment = (String) d.get("comment");
        assertFalse(comment.contains("13800138000"), comment);
        assertFalse(comment.contains("12345"), comment);
        assertTrue(comment.startsWith("等了两个小时"));
        assertNull(d.get("displayName"));
        assertTrue(((Number) d.get("secondsSinceClose")).longValue() >= 7000);
        assertEquals(1, Api.allEvents().stream().filter(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id)).count());
    }

    @Test
    void promoterCarriesMaskedDisplayName() {
        String token = Api.invite("S-R1");
        String id = answer(token, "{\"score\": 10}").statusCode(201).extract().path("responseId");
        Map<String, Object> d = data(Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id)));
        assertEquals("张*", d.get("displayName"));
        assertEquals("PROMOTER", d.get("category"));
    }

    @Test
    void invalidScoresNameTheField() {
        String token = Api.invite("S-R1");
        for (String bad : List.of("-1", "11", "7.5", "\"9\"", "null", "true")) {
            answer(token, "{\"score\": " + bad + "}").statusCode(400).contentType("application/problem+json")
                    .body("invalidParams.name", hasItem("score"));
        }
        answer(token, "{}").statusCode(400).body("invalidParams.name", hasItem("score"));
        answer(token, "{\"score\": 5, \"ratings\": {\"care\": 6}}").statusCode(400)
                .body("invalidParams.name", hasItem("ratings.care"));
        answer(token, "{\"score\": 5, \"ratings\": {\"care\": 0}}").statusCode(400)
                .body("invalidParams.name", hasItem("ratings.care"));
        answer(token, "{\"score\": 5, \"ratings\": {\"looks\": 3}}").statusCode(400)
                .body("invalidParams.name", hasItem("ratings.looks"));
        answer(token, "{\"score\": 5, \"reasons\": [\"BORING\"]}").statusCode(400)
                .body("invalidParams.name", hasItem("reasons[0]"));
        answer(token, "{\"score\": 5, \"mood\": \"ok\"}").statusCode(400).body("invalidParams.name", hasItem("mood"));
        answer(token, "{\"score\": 5, \"comment\": \"" + "好".repeat(2001) + "\"}").statusCode(400)
                .body("invalidParams.name", hasItem("comment"));
        answer(token, "{\"score\": ").statusCode(400).contentType("application/problem+json");
        answer(token, "[5]").statusCode(400);
        given().contentType("text/plain").body("5").post("/api/v1/surveys/" + token + "/response").then().statusCode(415);
        // nothing was written: the invitation can still be answered
        answer(token, "{\"score\": 5, \"comment\": \"" + "好".repeat(2000) + "\"}").statusCode(201);
    }

    @Test
    void hugeBodyIs413() {
        String token = Api.invite("S-R1");
        answer(token, "{\"score\": 5, \"comment\": \"" + "x".repeat(200_000) + "\"}").statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void unknownExpiredAndReusedTokens() {
        answer("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{\"score\": 5}").statusCode(404).contentType("application/problem+json");
        answer("bad", "{\"score\": 5}").statusCode(404);
        String token = Api.invite("S-R2");
        clock.advance(Duration.ofDays(15));
        answer(token, "{\"score\": 5}").statusCode(410).contentType("application/problem+json");
    }

    @Test
    void concurrentDoubleSubmitStoresExactlyOne() throws Exception {
        for (int round = 0; round < 3; round++) {
            String token = Api.invite("S-R3");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int score = i % 2 == 0 ? 8 : 8;
                calls.add(() -> answer(token, "{\"score\": " + score + "}").extract().statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(7, codes.stream().filter(c -> c == 200).count(), codes.toString());
        }
        String token = Api.invite("S-R3");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int score = i;
            calls.add(() -> answer(token, "{\"score\": " + score + "}").extract().statusCode());
        }
        Set<Integer> codes = new HashSet<>();
        int created = 0;
        for (Future<Integer> f : pool.invokeAll(calls)) {
            codes.add(f.get());
            created += f.get() == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(Set.of(201, 409), codes);
    }

    @Test
    void listenerRunsInTheSameTransaction() {
        String token = Api.invite("S-R4");
        answer(token, "{\"score\": 2, \"comment\": \"LISTENER-FAIL\"}").statusCode(500);
        // rolled back: no response stored, the invitation is still open
        String id = answer(token, "{\"score\": 2, \"comment\": \"LISTENER-PROBE\"}").statusCode(201)
                .extract().path("responseId");
        Map<String, Object> probe = Api.awaitEvent(ev -> Api.is(ev, "ProbeSeen", "responseId", id));
        assertEquals(2, data(probe).get("score"));
    }

    /**
     * A customer whose phone drops the connection after pressing "submit" still has the answer stored whole, and the
     * service's connection pool is not left holding the transaction: the request's cancellation does not cut the
     * transaction short (it once skipped COMMIT and handed the connection back with the transaction open).
     */
    @Test
    void aClientThatDisconnectsMidTransactionLeavesTheAnswerWholeAndNoConnectionBehind() throws Exception {
        String token = Api.invite("S-R4");
        String body = "{\"score\": 3, \"comment\": \"LISTENER-SLOW\"}";
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("localhost", base.getPort())) {
            socket.getOutputStream().write(("POST /api/v1/surveys/" + token + "/response HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            Thread.sleep(150); // the listener holds the transaction open for 400 ms: leave in the middle of it
        }
        // no session of the service is left inside a transaction once the listener's 400 ms have passed
        Api.sleep(600);
        try (java.sql.Connection c = ServiceDatabase.connect(); java.sql.Statement s = c.createStatement()) {
            long open = -1;
            for (int i = 0; i < 50 && open != 0; i++) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                        + "current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'")) {
                    rs.next();
                    open = rs.getLong(1);
                }
                if (open != 0) {
                    Api.sleep(100);
                }
            }
            assertEquals(0, open, "sessions left inside a transaction");
        }
        // the answer was stored: the identical retry is recognised, and its event and the listener's write committed
        String id = answer(token, body).statusCode(200).extract().path("responseId");
        Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id));
        Api.awaitEvent(ev -> Api.is(ev, "ProbeSeen", "responseId", id));
    }

    @Test
    void storeNetworkSoonAndSharedDeviceFlags() {
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"id\": \"R-FLAG\", \"name\": \"Flag region\"}").post("/api/v1/regions").then().statusCode(201);
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"id\": \"S-FLAG\", \"name\": \"Flag store\", \"city\": \"上海\", \"regionId\": \"R-FLAG\", "
                        + "\"networks\": [\"10.77.0.0/16\"]}")
                .post("/api/v1/stores").then().statusCode(201);
        Map<String, Object> order = Api.order("S-FLAG", Api.freshPhone());
        order.put("closedAt", java.time.OffsetDateTime.now(clock).minusMinutes(3).withNano(0).toString());
        String token = given().header("Authorization", Api.integration()).contentType("application/json").body(order)
                .post("/api/v1/orders").then().statusCode(201).extract().path("token");
        String id = given().header("X-Forwarded-For", "10.77.3.4").header("User-Agent", "ua-store")
                .contentType("application/json").body("{\"score\": 10}")
                .post("/api/v1/surveys/" + token + "/response").then().statusCode(201).extract().path("responseId");
        Map<String, Object> d = data(Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id)));
        assertTrue(d.get("flags").toString().contains("STORE_NETWORK_SOON"), d.get("flags").toString());

        // three customers from one device: the third is flagged at once, the first two by ResponseFlagged
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String t = Api.invite("S-R5");
            ids.add(given().header("X-Forwarded-For", "203.0.113.9").header("User-Agent", "farm-phone")
                    .contentType("application/json").body("{\"score\": 10}")
                    .post("/api/v1/surveys/" + t + "/response").then().statusCode(201).extract().path("responseId"));
        }
        Map<String, Object> third = data(Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", ids.get(2))));
        assertTrue(third.get("flags").toString().contains("SHARED_DEVICE"));
        Map<String, Object> first = data(Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", ids.get(0))));
        assertFalse(first.get("flags").toString().contains("SHARED_DEVICE"));
        Api.awaitEvent(ev -> Api.is(ev, "ResponseFlagged", "responseId", ids.get(0)));
        Api.awaitEvent(ev -> Api.is(ev, "ResponseFlagged", "responseId", ids.get(1)));
        String feed = Api.allEvents().toString();
        assertFalse(feed.contains("203.0.113.9"));
        assertFalse(feed.contains("farm-phone"));
    }

    /**
     * ADVISOR_TEN_OUTLIER counts exactly the 90-day window: whole days from the per-day totals, the window's first
     * (partial) day from the responses themselves. The clock is set to 12:00 UTC so the window starts at 12:00 on its
     * first day: rows 2 h after the start (same day) must count, rows 2 h before must not.
     */
    @Test
    void advisorTenOutlierCountsExactlyTheNinetyDayWindow() {
        java.time.Instant now0 = clock.instant();
        java.time.Instant noon = now0.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(12));
        if (!noon.isAfter(now0)) {
            noon = noon.plus(Duration.ofDays(1));
        }
        clock.advance(Duration.between(now0, noon));
        java.time.Instant start = clock.instant().minus(Duration.ofDays(90));
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String edge = "ADV-EDGE-" + run, old = "ADV-OLD-" + run, flat = "ADV-FLAT-" + run;
        StringBuilder csv = new StringBuilder("orderId,storeId,advisorId,closedAt,serviceType,paymentType,visitKind,"
                + "amountCents,phone,score,answeredAt\n");
        int[] n = {0};
        java.util.function.BiConsumer<String, Object[]> rows = (advisor, spec) -> {
            for (int i = 0; i < (int) spec[0]; i++) {
                java.time.OffsetDateTime at = ((java.time.Instant) spec[2]).atOffset(java.time.ZoneOffset.UTC).plusSeconds(i);
                csv.append("H-").append(run).append('-').append(n[0]++).append(",S-ADV,").append(advisor).append(',')
                        .append(at.minusHours(1)).append(",MAINTENANCE,SELF_PAY,ROUTINE,50000,").append(Api.freshPhone())
                        .append(',').append(spec[1]).append(',').append(at).append('\n');
            }
        };
        // edge: 15 tens on the window's first day (after its start) + 15 in its whole days = 30 → an outlier
        rows.accept(edge, new Object[]{15, 10, start.plus(Duration.ofHours(2))});
        rows.accept(edge, new Object[]{15, 10, start.plus(Duration.ofDays(30))});
        // old: 15 tens 2 h before the window's start (same UTC day) + 15 inside = 15 in the window → below 30
        rows.accept(old, new Object[]{15, 10, start.minus(Duration.ofHours(2))});
        rows.accept(old, new Object[]{15, 10, start.plus(Duration.ofDays(30))});
        // flat: 40 eights, so the chain's share of 10s is well below 1
        rows.accept(flat, new Object[]{40, 8, start.plus(Duration.ofDays(40))});
        given().header("Authorization", Api.integration()).contentType("text/csv").body(csv.toString())
                .post("/api/v1/imports").then().statusCode(200).body("accepted", is(n[0]));

        java.util.function.Function<String, String> flagsOfATen = advisor -> {
            Map<String, Object> order = Api.order("S-ADV", Api.freshPhone());
            order.put("advisorId", advisor);
            String token = given().header("Authorization", Api.integration()).contentType("application/json").body(order)
                    .post("/api/v1/orders").then().statusCode(201).extract().path("token");
            String id = answer(token, "{\"score\": 10}").statusCode(201).extract().path("responseId");
            return data(Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", id))).get("flags").toString();
        };
        String edgeFlags = flagsOfATen.apply(edge);
        assertTrue(edgeFlags.contains("ADVISOR_TEN_OUTLIER") && edgeFlags.contains("of 31 responses"), edgeFlags);
        String oldFlags = flagsOfATen.apply(old);
        assertFalse(oldFlags.contains("ADVISOR_TEN_OUTLIER"), oldFlags);
        String flatFlags = flagsOfATen.apply(flat);
        assertFalse(flatFlags.contains("ADVISOR_TEN_OUTLIER"), flatFlags);
    }

    /**
     * Submissions in flight at the same time never wait for one another on the advisor rule's per-day totals: each
     * database session counts into its own row. 33 transactions each store a response and stay open; with a shared
     * row (the totals were once sharded by {@code pid % 32}, so two of 33 sessions always met) one of them would wait
     * for another's commit and hit the lock timeout. They are rolled back: the probe leaves nothing behind.
     */
    @Test
    void concurrentSubmissionsNeverQueueOnOneTallyRow() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tokens.add(Api.invite("S-TALLY"));
        }
        List<java.sql.Connection> open = new ArrayList<>();
        Set<Integer> backends = new HashSet<>();
        try {
            for (String token : tokens) {
                java.sql.Connection c = ServiceDatabase.connect();
                open.add(c);
                c.setAutoCommit(false);
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '3s'");
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        backends.add(rs.getInt(1));
                    }
                }
                try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO response (id, invitation_id, "
                        + "order_id, store_id, advisor_id, customer_key, score, channel, answered_at, closed_at, "
                        + "seconds_since_close, answer_hash) SELECT gen_random_uuid(), i.id, i.order_id, i.store_id, 'A1', "
                        + "i.customer_key, 9, 'LINK', now(), now(), 0, 'probe' FROM invitation i WHERE i.token = ?")) {
                    insert.setString(1, token);
                    assertEquals(1, insert.executeUpdate(), "stored without waiting for another open submission");
                }
            }
            assertEquals(33, backends.size());
        } finally {
            for (java.sql.Connection c : open) {
                c.rollback();
                c.close();
            }
        }
    }
}
