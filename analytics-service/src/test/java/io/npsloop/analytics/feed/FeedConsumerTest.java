package io.npsloop.analytics.feed;

import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.npsloop.analytics.feed.Events.data;
import static io.npsloop.analytics.feed.Events.response;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
@QuarkusTestResource(value = WireMockFeeds.class, restrictToAnnotatedClass = true)
class FeedConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String T = "2026-11-23T10:00:00+08:00";

    @Inject
    FeedConsumer consumer;

    @Inject
    Pool pool;

    private long position(String source) {
        var rs = pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of(source))
                .await().atMost(WAIT);
        return rs.rowCount() == 0 ? 0 : rs.iterator().next().getLong(0);
    }

    private void stubPage(String source, long after, List<FeedEvent> events, long next) {
        WireMockFeeds.server.stubFor(get(urlPathEqualTo("/" + source + "/api/v1/events"))
                .withQueryParam("after", equalTo(String.valueOf(after)))
                .withHeader("Authorization", matching("Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .willReturn(okJson(Events.pageJson(events, next))));
    }

    private int nps(String store, String path) {
        return given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/nps?from=2026-11-23&to=2026-11-23&storeId=" + store)
                .then().statusCode(200).extract().path(path);
    }

    @Test
    void pollsAppliesOnceAdvancesTheCursorAndSkipsUnknownTypes() {
        long start = position("survey");
        Events ev = new Events(start)
                .add("StoreUpserted", T, data("storeId", "F1", "regionId", "R1", "name", "One", "status", "ACTIVE"))
                .add("ResponseSubmitted", T, response("f1-a", "F1", "R1", 10, T, Map.of()))
                .add("FutureThing", T, data("storeId", "F1", "whatever", 1))
                .add("ResponseSubmitted", T, response("f1-b", "F1", "R1", 3, T, Map.of()));
        stubPage("survey", start, ev.list(), start + 4);
        stubPage("survey", start + 4, List.of(), start + 4);

        var poll = consumer.pollOnce("survey").await().atMost(WAIT);
        assertEquals(4, poll.fetched());
        assertEquals(start + 4, position("survey"));
        assertEquals(2, nps("F1", "n"));
        assertEquals(0.0f, (float) given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/nps?from=2026-11-23&to=2026-11-23&storeId=F1").then().extract().<Float>path("value"));

        assertEquals(0, consumer.pollOnce("survey").await().atMost(WAIT).applied(), "nothing new");

        // the request carried our own SERVICE token
        var req = WireMockFeeds.server.findAll(getRequestedFor(urlPathEqualTo("/survey/api/v1/events"))).get(0);
        String payload = new String(Base64.getUrlDecoder().decode(req.getHeader("Authorization").split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"SERVICE\""), payload);
        assertTrue(req.queryParameter("limit").firstValue().equals("1000"));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("npsloop_feed_events_unknown_total{source=\"survey\",type=\"FutureThing\"} 1.0"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Event feeds' }.data.'survey.position'", is((int) (start + 4)));
    }

    @Test
    void redeliveredEventsAndResentResponsesCountOnce() {
        long start = position("survey");
        Events ev = new Events(start)
                .add("ResponseSubmitted", T, response("f2-a", "F2", "R1", 9, T, Map.of()))
                .add("ResponseSubmitted", T, response("f2-b", "F2", "R1", 8, T, Map.of()));
        FeedPage page = ev.page();
        assertEquals(2, consumer.applyPage("survey", page, 1000).await().atMost(WAIT).applied());
        // the same page again (a re-delivery after a lost acknowledgement): nothing
        assertEquals(0, consumer.applyPage("survey", page, 1000).await().atMost(WAIT).applied());
        // a page that overlaps the cursor plus a producer's re-send of f2-a under a new seq
        Events more = new Events(start + 2)
                .add("ResponseSubmitted", T, response("f2-a", "F2", "R1", 9, T, Map.of()))
                .add("ResponseSubmitted", T, response("f2-c", "F2", "R1", 0, T, Map.of()));
        var overlap = new FeedPage(java.util.stream.Stream.concat(page.events().stream(), more.list().stream()).toList(),
                start + 4);
        assertEquals(2, consumer.applyPage("survey", overlap, 1000).await().atMost(WAIT).applied());
        assertEquals(3, nps("F2", "n"));
        assertEquals(1, nps("F2", "promoters"));
        assertEquals(start + 4, position("survey"));
    }

    @Test
    void aCrashInsideABatchLeavesNeitherEffectNorCursorAndTheRetryAppliesOnce() {
        pool.query("CREATE OR REPLACE FUNCTION crash() RETURNS trigger AS $$ BEGIN "
                + "IF NEW.store_id = 'CRASH' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
                .execute().await().atMost(WAIT);
        pool.query("CREATE TRIGGER crash BEFORE INSERT ON rollup_dim FOR EACH ROW EXECUTE FUNCTION crash()")
                .execute().await().atMost(WAIT);
        long start = position("survey");
        Events ev = new Events(start)
                .add("ResponseSubmitted", T, response("f3-a", "F3", "R1", 10, T, Map.of()))
                .add("ResponseSubmitted", T, response("f3-b", "CRASH", "R1", 10, T, Map.of()));
        assertThrows(RuntimeException.class, () -> consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT));
        assertEquals(start, position("survey"));
        assertEquals(0, nps("F3", "n"));
        assertEquals(0L, pool.query("SELECT count(*) FROM response_fact WHERE response_id LIKE 'f3-%'").execute()
                .await().atMost(WAIT).iterator().next().getLong(0));

        pool.query("DROP TRIGGER crash ON rollup_dim").execute().await().atMost(WAIT);
        assertEquals(2, consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT).applied());
        assertEquals(1, nps("F3", "n"));
        assertEquals(start + 2, position("survey"));
    }

    @Test
    void twoReplicasApplyingTheSamePageConcurrentlyCountItOnce() {
        long start = position("survey");
        Events ev = new Events(start);
        for (int i = 0; i < 200; i++) {
            ev.add("ResponseSubmitted", T, response("f4-" + i, "F4", "R1", i % 11, T, Map.of()));
        }
        FeedPage page = ev.page();
        for (int round = 0; round < 3; round++) {
            var a = consumer.applyPage("survey", page, 1000);
            var b = consumer.applyPage("survey", page, 1000);
            Uni.combine().all().unis(a, b).asTuple().await().atMost(WAIT);
        }
        assertEquals(200, nps("F4", "n"));
        assertEquals(start + 200, position("survey"));
    }

    @Test
    void aFailingFeedKeepsTheCursorAndReportsTheError() {
        WireMockFeeds.server.stubFor(get(urlPathEqualTo("/referral/api/v1/events"))
                .withQueryParam("after", equalTo(String.valueOf(position("referral"))))
                .willReturn(serverError()).atPriority(1));
        long before = position("referral");
        assertThrows(RuntimeException.class, () -> consumer.pollOnce("referral").await().atMost(WAIT));
        assertEquals(before, position("referral"));
        WireMockFeeds.server.resetMappings();
    }

    @Test
    void referralFeedFillsTheReferralFunnel() {
        long sStart = position("survey");
        Events s = new Events(sStart);
        for (int i = 0; i < 4; i++) {
            s.add("ResponseSubmitted", T, response("f5-" + i, "F5", "R1", i < 3 ? 10 : 5, T, Map.of()));
        }
        consumer.applyPage("survey", s.page(), 1000).await().atMost(WAIT);

        long start = position("referral");
        Events ev = new Events(start)
                .add("ReferralCodeIssued", T, data("code", "abc", "storeId", "F5", "customerKey", "k", "source", "FEED",
                        "issuedAt", T))
                .add("ReferralClicked", T, data("code", "abc", "storeId", "F5", "clicks", 7, "qrClicks", 4,
                        "linkClicks", 3, "newVisitors", 5, "firstAt", T, "lastAt", T))
                .add("ReferralBooked", T, data("bookingId", "b1", "code", "abc", "storeId", "F9", "promoterStoreId", "F5",
                        "status", "PENDING", "bookedAt", T))
                .add("ReferralBooked", T, data("bookingId", "b2", "code", "abc", "storeId", "F5", "promoterStoreId", "F5",
                        "status", "UNATTRIBUTED", "bookedAt", T))
                .add("ReferralConverted", T, data("bookingId", "b1", "code", "abc", "storeId", "F9", "promoterStoreId", "F5",
                        "rewardId", "rw1", "rewardCents", 5000, "convertedAt", T))
                .add("RewardStateChanged", T, data("rewardId", "rw1", "code", "abc", "storeId", "F5", "amountCents", 5000,
                        "from", null, "to", "PENDING", "changedAt", T))
                .add("RewardStateChanged", T, data("rewardId", "rw2", "code", "abc", "storeId", "F5", "amountCents", 3000,
                        "from", null, "to", "PENDING", "changedAt", T))
                .add("RewardStateChanged", T, data("rewardId", "rw2", "code", "abc", "storeId", "F5", "amountCents", 3000,
                        "from", "PENDING", "to", "REJECTED", "reason", "fraud", "changedAt", "2026-11-25T10:00:00+08:00"))
                .add("RewardStateChanged", T, data("rewardId", "rw1", "code", "abc", "storeId", "F5", "amountCents", 5000,
                        "from", "PENDING", "to", "APPROVED", "changedAt", T))
                .add("ReferralSomethingNew", T, data("storeId", "F5"));
        stubPage("referral", start, ev.list(), start + ev.list().size());
        consumer.pollOnce("referral").await().atMost(WAIT);
        given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/referral-funnel?from=2026-11-23&to=2026-11-23&storeId=F5")
                .then().statusCode(200)
                .body("clicks", is(7)).body("uniqueVisitors", is(5)).body("bookings", is(1))
                .body("conversions", is(1)).body("rewardsCents", is(5000)).body("promoters", is(3))
                .body("referralRate", is(33.3f));
    }
    // ------------------------------------------------------------------ catch-up: multi-page runs, prefetch, batching

    private long count(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getLong(0);
    }

    @Test
    void theLoopCatchesUpInMultiPageTransactionsUsingEachPrefetchedPageOnce() throws Exception {
        long start = position("survey");
        Events ev = new Events(start);
        int promoters = 0;
        for (int i = 0; i < 3500; i++) {
            int score = (i * 7) % 11;
            promoters += score >= 9 ? 1 : 0;
            ev.add("ResponseSubmitted", T, response("f6-" + i, "F6", "R1", score, T, Map.of()));
        }
        List<FeedEvent> all = ev.list();
        for (int p = 0; p * 1000 < all.size(); p++) {
            List<FeedEvent> page = all.subList(p * 1000, Math.min(all.size(), (p + 1) * 1000));
            stubPage("survey", start + p * 1000L, page, page.get(page.size() - 1).seq());
        }
        stubPage("survey", start + 3500, List.of(), start + 3500);

        consumer.startPolling("survey");
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (position("survey") < start + 3500 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            consumer.stopPolling();
            Thread.sleep(1000); // let a round in flight end (it can only read the empty page)
        }
        assertEquals(start + 3500, position("survey"));
        assertEquals(3500, nps("F6", "n"));
        assertEquals(promoters, nps("F6", "promoters"));
        // pages-per-transaction = 2 in %test: [1st, 2nd] then the prefetched [3rd, 4th (half full)]: every page
        // fetched exactly once, i.e. the prefetched run was used, not fetched again
        for (long after : new long[]{start, start + 1000, start + 2000, start + 3000}) {
            assertEquals(1, WireMockFeeds.server.findAll(getRequestedFor(urlPathEqualTo("/survey/api/v1/events"))
                    .withQueryParam("after", equalTo(String.valueOf(after)))).size(), "page after " + after);
        }
    }

    @Test
    void aRunFetchedPastTheCursorIsRefusedAndOverlappingRunsOfTwoReplicasCountOnce() {
        long start = position("survey");
        Events ev = new Events(start);
        for (int i = 0; i < 300; i++) {
            ev.add("ResponseSubmitted", T, response("f7-" + i, "F7", "R1", i % 11, T, Map.of()));
        }
        List<FeedEvent> all = ev.list();
        var a = new FeedConsumer.Run(start, all.subList(0, 200), start + 200, true, T);
        var b = new FeedConsumer.Run(start + 100, all.subList(100, 300), start + 300, false, T);
        // b was fetched from seq start+100 (a prefetch whose predecessor never committed): applying it would lose
        // the events in between
        var refused = consumer.applyRun("survey", b).await().atMost(WAIT);
        assertEquals(0, refused.applied());
        assertEquals(start, position("survey"));
        assertEquals(0, nps("F7", "n"));
        for (int round = 0; round < 3; round++) {
            Uni.combine().all().unis(consumer.applyRun("survey", a), consumer.applyRun("survey", b)).asTuple()
                    .await().atMost(WAIT);
            assertTrue(nps("F7", "n") <= 300);
        }
        // whichever replica won each round (the other skipped on the lock or was refused), catching up sequentially
        // afterwards leaves every event counted once
        consumer.applyRun("survey", a).await().atMost(WAIT);
        consumer.applyRun("survey", b).await().atMost(WAIT);
        assertEquals(300, nps("F7", "n"));
        assertEquals(start + 300, position("survey"));
    }

    @Test
    void oneBatchedRunGivesExactlyTheRollupRowsOfOneEventAtATime() {
        // the same random events twice, under store ids "QB…" applied as one run and "QO…" one event per transaction
        java.util.Random rnd = new java.util.Random(6);
        String[] svc = {"RESCUE", "MAINTENANCE", "REPAIR"};
        String[] tenure = {"NEW", "MID", "OLD"};
        String[] reasons = {"WAIT_TIME", "PRICE", "NOPE"};
        List<Object[]> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String day = "2026-11-" + (16 + rnd.nextInt(14)) + "T" + (10 + rnd.nextInt(12)) + ":00:00+08:00";
            specs.add(new Object[]{i, rnd.nextInt(3), svc[rnd.nextInt(3)], tenure[rnd.nextInt(3)], rnd.nextInt(11), day,
                    rnd.nextInt(5), reasons[rnd.nextInt(3)], rnd.nextInt(4) == 0, rnd.nextInt(4) == 0});
        }
        for (String mode : List.of("B", "O")) {
            long start = position("survey");
            Events ev = new Events(start);
            for (Object[] sp : specs) {
                String id = "q" + mode + "-" + sp[0];
                String store = "Q" + mode + sp[1];
                Map<String, Object> attrs = Map.of("serviceType", sp[2], "tenure", sp[3]);
                String at = (String) sp[5];
                var order = data("orderId", "o" + id, "storeId", store, "regionId", "R1", "closedAt", at,
                        "serviceType", sp[2], "tenure", sp[3], "invited", true);
                ev.add("OrderCompleted", at, order);
                var inv = order.deepCopy().put("invitationId", "inv-" + id).put("createdAt", at);
                ev.add("InvitationCreated", at, inv);
                ev.add("InvitationOpened", at, data("invitationId", "inv-" + id, "storeId", store, "openedAt", at));
                var r = response(id, store, "R1", (Integer) sp[4], at, attrs);
                r.putObject("ratings").put("care", 1 + (Integer) sp[6]);
                r.putArray("reasons").add((String) sp[7]);
                if ((Boolean) sp[8]) {
                    r.putArray("flags").addObject().put("rule", "SHARED_DEVICE");
                }
                ev.add("ResponseSubmitted", at, r);
                if ((Boolean) sp[9]) {
                    ev.add("ResponseFlagged", at, data("responseId", id, "storeId", store, "answeredAt", at));
                }
            }
            if (mode.equals("B")) {
                assertEquals(ev.list().size(), consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT).applied());
            } else {
                for (FeedEvent e : ev.list()) {
                    assertEquals(1, consumer.applyPage("survey", new FeedPage(List.of(e), e.seq()), 1000)
                            .await().atMost(WAIT).applied());
                }
            }
        }
        String measures = java.util.Arrays.stream(io.npsloop.analytics.rollup.Measure.ALL)
                .map(io.npsloop.analytics.rollup.Measure::column).collect(java.util.stream.Collectors.joining(", "));
        String fineKey = "day, substr(store_id, 3), service_type, payment_type, visit_kind, tenure, locality, spend_band, "
                + "age_band, gender, occupation, channel";
        String dimKey = "day, substr(store_id, 3), dim, value";
        for (String[] t : new String[][]{{"rollup_fine", fineKey}, {"rollup_dim", dimKey}, {"rollup_week", dimKey}}) {
            String sel = "SELECT " + t[1] + ", " + measures + " FROM " + t[0] + " WHERE store_id LIKE ";
            long rows = count("SELECT count(*) FROM " + t[0] + " WHERE store_id LIKE 'QB%'");
            assertTrue(rows > 0, t[0]);
            assertEquals(rows, count("SELECT count(*) FROM " + t[0] + " WHERE store_id LIKE 'QO%'"), t[0]);
            assertEquals(0, count("SELECT count(*) FROM (" + sel + "'QB%' EXCEPT ALL " + sel + "'QO%') x"), t[0]);
            assertEquals(0, count("SELECT count(*) FROM (" + sel + "'QO%' EXCEPT ALL " + sel + "'QB%') x"), t[0]);
        }
        assertEquals(120, count("SELECT sum(n) FROM rollup_week WHERE store_id LIKE 'QB%' AND dim = 'ALL'"));
    }
    @Test
    void storeSegmentsAreLabelledByNameAndACachedDashboardMovesWithTheFeed() {
        long start = position("survey");
        Events ev = new Events(start)
                .add("StoreUpserted", T, data("storeId", "F8", "regionId", "R8", "name", "Pudong Service Centre",
                        "status", "ACTIVE"))
                .add("ResponseSubmitted", T, response("f8-a", "F8", "R8", 10, T, Map.of()))
                .add("ResponseSubmitted", T, response("f8-b", "F9", "R8", 3, T, Map.of()));
        consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT);
        String hq = TestTokens.token("HQ_ANALYST");
        given().auth().oauth2(hq).get("/api/v1/segments?dimension=STORE&from=2026-11-23&to=2026-11-23&regionId=R8")
                .then().statusCode(200)
                .body("segments.find { it.key == 'F8' }.label", is("Pudong Service Centre"))
                .body("segments.find { it.key == 'F9' }.label", is("F9")); // no StoreUpserted yet: its id
        String url = "/api/v1/dashboard?week=2026-W48&storeId=F8";
        given().auth().oauth2(hq).get(url).then().statusCode(200).body("nps.n", is(1));
        given().auth().oauth2(hq).get(url).then().statusCode(200).body("nps.n", is(1)); // served from the cache
        Events more = new Events(start + 3)
                .add("ResponseSubmitted", T, response("f8-c", "F8", "R8", 0, T, Map.of()));
        consumer.applyPage("survey", more.page(), 1000).await().atMost(WAIT);
        // the cursor moved: the next request recomputes
        given().auth().oauth2(hq).get(url).then().statusCode(200).body("nps.n", is(2)).body("nps.detractors", is(1));
    }
}
