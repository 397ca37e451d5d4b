package io.npsloop.analytics.query;

import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.npsloop.analytics.feed.Events.response;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cached dashboard follows every committed change of the data: this replica's own feed transactions at once,
 * another replica's through the NOTIFY of V33, and with the listening connection gone by reading the cursors.
 */
@QuarkusTest
class DataVersionTest {

    private static final String T = "2026-09-30T10:00:00+08:00";
    private static final String WEEK = "2026-W40";
    private static final String MONDAY = "2026-09-28";

    @Inject
    FeedConsumer consumer;

    @Inject
    DataVersion dataVersion;

    @Inject
    Pool pool;

    private static boolean seeded;

    @BeforeEach
    void seed() {
        await("the version listener to listen", dataVersion::listening);
        if (seeded) {
            return;
        }
        long pos = pool.query("SELECT coalesce(max(position), 0) FROM feed_cursor WHERE source = 'survey'").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        Events ev = new Events(pos);
        for (int i = 0; i < 12; i++) {
            ev.add("ResponseSubmitted", T, response("dv-" + i, "DV1", "RDV", 10, T, Map.of()));
        }
        consumer.applyPage("survey", ev.page(), 1000).await().atMost(Duration.ofSeconds(30));
        seeded = true;
    }

    @Test
    void ownFeedTransactionIsSeenByTheVeryNextRequest() {
        long before = dashboardN();
        long pos = pool.query("SELECT max(position) FROM feed_cursor WHERE source = 'survey'").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        Events ev = new Events(pos).add("ResponseSubmitted", T, response("dv-own-" + before, "DV1", "RDV", 9, T, Map.of()));
        consumer.applyPage("survey", ev.page(), 1000).await().atMost(Duration.ofSeconds(30));
        // no waiting: the consumer bumped the version when its transaction committed
        assertEquals(before + 1, dashboardN());
    }

    @Test
    void anotherReplicasCommitReachesTheCachedDashboardThroughTheNotification() {
        long before = dashboardN();
        String version = version();
        commitAsAnotherReplica();
        await("the notification to change the version", () -> !version.equals(version()));
        assertEquals(before + 1, dashboardN());
    }

    @Test
    void withoutTheListeningConnectionEveryRequestReadsTheCursorsUntilItIsBack() {
        long before = dashboardN();
        pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                + DataVersion.APPLICATION_NAME + "'").execute().await().atMost(Duration.ofSeconds(10));
        await("the listener to notice its connection closed", () -> !dataVersion.listening());
        commitAsAnotherReplica();
        assertEquals(before + 1, dashboardN()); // read at the cursors: visible at once
        await("the listener to reconnect", dataVersion::listening);
        assertEquals(before + 1, dashboardN());
        String version = version();
        commitAsAnotherReplica();
        await("the reconnected listener to be notified", () -> !version.equals(version()));
        assertEquals(before + 2, dashboardN());
    }

    @Test
    void versionsTakenWhileListeningAreLocalAndMoveOnEveryChange() {
        String v1 = version();
        assertTrue(v1.startsWith("n"), v1);
        dataVersion.changed();
        assertNotEquals(v1, version());
    }

    @Test
    void dashboardCarriesAnEntityTagAndIsNotSentAgainWhileNothingChanged() {
        String token = TestTokens.token("HQ_ANALYST");
        String tag = given().auth().oauth2(token).get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1")
                .then().statusCode(200).header("Cache-Control", is("private, no-cache"))
                .extract().header("ETag");
        assertTrue(tag != null && tag.matches("\"[0-9a-f]{32}\""), tag);
        given().auth().oauth2(token).header("If-None-Match", tag).get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1")
                .then().statusCode(304).header("ETag", is(tag)).body(is(""));
        given().auth().oauth2(token).header("If-None-Match", "\"other\", W/" + tag)
                .get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1").then().statusCode(304);
        // another query, another caller: another answer, another tag
        given().auth().oauth2(token).header("If-None-Match", tag).get("/api/v1/dashboard?week=2026-W39&storeId=DV1")
                .then().statusCode(200).header("ETag", org.hamcrest.Matchers.not(tag));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "DV1")).header("If-None-Match", tag)
                .get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1").then().statusCode(200);
        // bad input is refused before any tag is looked at
        given().auth().oauth2(token).header("If-None-Match", "*").get("/api/v1/dashboard?week=2026-W99")
                .then().statusCode(400);
        // the data changed: the old tag no longer matches and the new answer comes with its own tag
        String version = version();
        commitAsAnotherReplica();
        await("the notification to change the version", () -> !version.equals(version()));
        String next = given().auth().oauth2(token).header("If-None-Match", tag)
                .get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1").then().statusCode(200).extract().header("ETag");
        assertNotEquals(tag, next);
    }

    @Test
    void theVersionStreamAnnouncesEveryChangeAndWhenTheVersionIsUnknown() throws Exception {
        given().get("/api/v1/data-version").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/data-version").then().statusCode(403);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + io.restassured.RestAssured.port
                        + "/api/v1/data-version"))
                .header("Authorization", "Bearer " + TestTokens.token("SERVICE")).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data:"))
                .forEach(l -> events.add(l.substring(5).strip())));
        reader.setDaemon(true);
        reader.start();
        try {
            String first = events.poll(10, TimeUnit.SECONDS);
            assertEquals(version(), first, "the current version at once");
            dataVersion.changed();
            String next = nextDifferent(events, first);
            assertEquals(version(), next, "a change is announced");

            pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + DataVersion.APPLICATION_NAME + "'").execute().await().atMost(Duration.ofSeconds(10));
            assertEquals(DataVersion.UNKNOWN, nextDifferent(events, next), "not listening: the version is unknown");
            String back = nextDifferent(events, DataVersion.UNKNOWN);
            assertTrue(back.startsWith("n") && !back.equals(next), "listening again: a new version, " + back);
        } finally {
            response.body().close();
        }
    }

    private static String nextDifferent(BlockingQueue<String> events, String than) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && !e.equals(than)) {
                return e;
            }
        }
        throw new AssertionError("no event other than " + than);
    }

    /** What another replica's feed transaction does: rollups and cursor in one transaction, no call into this JVM. */
    private void commitAsAnotherReplica() {
        pool.withTransaction(tx -> tx.query("UPDATE rollup_week SET n = n + 1, promoters = promoters + 1 "
                        + "WHERE store_id = 'DV1' AND day = DATE '" + MONDAY + "' AND dim = 'ALL'").execute()
                .chain(() -> tx.query("UPDATE feed_cursor SET position = position + 1, updated_at = now() "
                        + "WHERE source = 'survey'").execute()))
                .await().atMost(Duration.ofSeconds(10));
    }

    private long dashboardN() {
        return given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/dashboard?week=" + WEEK + "&storeId=DV1")
                .then().statusCode(200).body("week", is(WEEK))
                .extract().jsonPath().getLong("nps.n");
    }

    private String version() {
        return dataVersion.current().await().atMost(Duration.ofSeconds(10));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
