package io.npsloop.referral.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.referral.feed.FeedRelay;
import io.npsloop.referral.support.Fixtures;
import io.npsloop.referral.support.WireMockSurvey;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The survey feed end to end through WireMock, then conversions, the reward ledger, and this service's own feed. */
@QuarkusTest
class SurveyFeedConsumerTest {

    @Inject
    SurveyFeedConsumer consumer;
    @Inject
    FeedRelay relay;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper mapper;

    long position() {
        return pool.query("SELECT position FROM feed_cursor WHERE source = 'survey'").execute().await().indefinitely()
                .iterator().next().getLong("position");
    }

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    /** Serves {@code events} as the page after the current cursor, and an empty page after them. */
    synchronized long serve(List<Map<String, Object>> data) throws Exception {
        long after = position();
        List<Map<String, Object>> events = new ArrayList<>();
        long seq = after;
        for (Map<String, Object> e : data) {
            seq++;
            events.add(Map.of("seq", seq, "id", UUID.randomUUID().toString(), "type", e.get("type"),
                    "occurredAt", "2026-11-23T10:00:00+08:00", "data", e.get("data")));
        }
        WireMockSurvey.server.stubFor(get(urlPathEqualTo("/api/v1/events")).withQueryParam("after", equalTo(String.valueOf(after)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(mapper.writeValueAsString(Map.of("events", events, "next", seq)))));
        WireMockSurvey.server.stubFor(get(urlPathEqualTo("/api/v1/events")).withQueryParam("after", equalTo(String.valueOf(seq)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"events\": [], \"next\": " + seq + "}")));
        return after;
    }

    static Map<String, Object> event(String type, Object... kv) {
        Map<String, Object> data = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            data.put((String) kv[i], kv[i + 1]);
        }
        return Map.of("type", type, "data", data);
    }

    @Test
    void promotersGetOneCodeAndUnknownTypesAreSkipped() throws Exception {
        String key = Fixtures.KEYS.customerKey(Fixtures.randomPhone());
        String passive = Fixtures.KEYS.customerKey(Fixtures.randomPhone());
        long before = count("SELECT skipped FROM feed_cursor WHERE source = 'survey'");
        long after = serve(List.of(
                event("StoreUpserted", "storeId", "S07", "name", "广州天河服务中心", "city", "Guangzhou", "regionId", "R2", "status", "ACTIVE"),
                event("ResponseSubmitted", "responseId", "r1", "storeId", "S07", "customerKey", key, "score", 10, "displayName", "陈*",
                        "futureField", "tolerated"),
                event("ResponseSubmitted", "responseId", "r2", "storeId", "S07", "customerKey", key, "score", 9, "displayName", "陈*"),
                event("ResponseSubmitted", "responseId", "r3", "storeId", "S07", "customerKey", passive, "score", 8),
                event("InvitationOpened", "storeId", "S07"),
                event("SomethingNew", "storeId", "S07")));
        // five events acknowledged (four applied, InvitationOpened not needed here), SomethingNew skipped
        assertEquals(5, consumer.drain().await().indefinitely());
        assertEquals(after + 6, position());
        assertEquals(1, count("SELECT count(*) FROM referral_code WHERE customer_key = $1", key));
        assertEquals(0, count("SELECT count(*) FROM referral_code WHERE customer_key = $1", passive));
        assertEquals(before + 1, count("SELECT skipped FROM feed_cursor WHERE source = 'survey'"));
        WireMockSurvey.server.verify(getRequestedFor(urlPathEqualTo("/api/v1/events"))
                .withHeader("Authorization", matching("Bearer [A-Za-z0-9_.-]+")).withQueryParam("limit", equalTo("200")));
        String code = pool.preparedQuery("SELECT code FROM referral_code WHERE customer_key = $1").execute(Tuple.of(key))
                .await().indefinitely().iterator().next().getString("code");
        Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("广州天河服务中心")).body(org.hamcrest.Matchers.containsString("陈*"));
        // the issue API afterwards returns the same code
        given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json")
                .body(Map.of("customerKey", key, "storeId", "S07")).post("/api/v1/referrals/issue")
                .then().statusCode(200).body("code", is(code));
    }

    @Test
    void aStalePageIsNeverAppliedTwice() throws Exception {
        String key = Fixtures.KEYS.customerKey(Fixtures.randomPhone());
        long after = serve(List.of(event("ResponseSubmitted", "responseId", "r9", "storeId", "S08", "customerKey", key, "score", 10)));
        assertEquals(1, consumer.pollOnce().await().indefinitely().applied());
        assertEquals(after + 1, position());
        // a second replica that fetched the same page before the first one committed
        SurveyEvents same = new SurveyEvents(List.of(new SurveyEvents.Event(after + 1, UUID.randomUUID().toString(),
                "OrderCompleted", "2026-11-23T10:00:00+08:00", mapper.valueToTree(Map.of("customerKey", key, "storeId", "S08")))), after + 1);
        assertEquals(-1, consumer.apply(after, same).await().indefinitely().applied());
        assertEquals(0, count("SELECT count(*) FROM known_customer WHERE customer_key = $1", key));
        assertEquals(after + 1, position());
    }

    @Test
    void failuresBackOffExponentially() {
        assertEquals(Duration.ofSeconds(1), SurveyFeedConsumer.backoff(1, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(8), SurveyFeedConsumer.backoff(4, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertEquals(Duration.ofMinutes(1), SurveyFeedConsumer.backoff(30, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        long after = position();
        WireMockSurvey.server.stubFor(get(urlPathEqualTo("/api/v1/events")).withQueryParam("after", equalTo(String.valueOf(after)))
                .willReturn(aResponse().withStatus(503)));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> consumer.pollOnce().await().indefinitely());
        assertEquals(after, position());
    }

    @Test
    void conversionRewardLedgerAndOwnFeed() throws Exception {
        Fixtures.store(pool, "S01", "深圳福田服务中心", "R1");
        String promoterPhone = Fixtures.randomPhone();
        String code = Fixtures.code(promoterPhone, "S01");
        String friend = Fixtures.randomPhone();
        String token = Fixtures.clickToken(Fixtures.visit(code, Fixtures.randomIp(), null).then().extract().asString());
        String bookingId = given().contentType("application/json")
                .body(Fixtures.booking(friend, "S01", Fixtures.inFuture(Instant.now(), 2), token))
                .post("/api/v1/referrals/" + code + "/bookings").then().statusCode(201).extract().path("bookingId");
        String friendKey = Fixtures.KEYS.customerKey(friend);
        serve(List.of(event("OrderCompleted", "orderId", "O-1", "storeId", "S01", "customerKey", friendKey,
                "closedAt", java.time.OffsetDateTime.now().plusMinutes(1).toString(), "plateKey", null)));
        consumer.drain().await().indefinitely();
        assertEquals(1, count("SELECT count(*) FROM booking WHERE id = $1::uuid AND status = 'CONVERTED'", bookingId));
        assertEquals(1, count("SELECT count(*) FROM known_customer WHERE customer_key = $1", friendKey));

        String manager = TestTokens.token("STORE_MANAGER", "S01");
        String rewardId = given().auth().oauth2(manager).queryParam("status", "PENDING").queryParam("storeId", "S01")
                .get("/api/v1/rewards").then().statusCode(200)
                .body("items.code", hasItem(code)).extract().path("items.find { it.code == '" + code + "' }.id");
        given().auth().oauth2(manager).get("/api/v1/rewards/" + rewardId).then().statusCode(200)
                .body("amountCents", is(10000)).body("status", is("PENDING")).body("audit[0].to", is("PENDING"));
        // RBAC: an advisor, another store's manager
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "S01")).post("/api/v1/rewards/" + rewardId + "/approve").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S02")).post("/api/v1/rewards/" + rewardId + "/approve").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "S01")).get("/api/v1/rewards").then().statusCode(403);
        given().post("/api/v1/rewards/" + rewardId + "/approve").then().statusCode(401);
        // illegal: PENDING → ISSUED
        given().auth().oauth2(manager).post("/api/v1/rewards/" + rewardId + "/issue").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(manager).post("/api/v1/rewards/" + rewardId + "/approve").then().statusCode(200).body("status", is("APPROVED"));
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).post("/api/v1/rewards/" + rewardId + "/issue").then().statusCode(200)
                .body("status", is("ISSUED")).body("audit.to", org.hamcrest.Matchers.contains("PENDING", "APPROVED", "ISSUED"));
        given().auth().oauth2(manager).contentType("application/json").body(Map.of("reason", "fraud"))
                .post("/api/v1/rewards/" + rewardId + "/reject").then().statusCode(409);
        given().auth().oauth2(manager).post("/api/v1/rewards/" + rewardId + "/approve").then().statusCode(409);

        // the funnel and the promoters list
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "S01")).queryParam("code", "ZZZZZZZZZZZ").queryParam("code", code)
                .get("/api/v1/funnels").then().statusCode(200)
                .body("items[0].code", is("ZZZZZZZZZZZ")).body("items[0].bookings", is(0))
                .body("items[1].code", is(code)).body("items[1].bookings", is(1)).body("items[1].conversions", is(1))
                .body("items[1].rewardsCents", is(10000));
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "S02")).queryParam("code", code)
                .get("/api/v1/funnels").then().statusCode(200).body("items[0].conversions", is(0));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S01")).queryParam("storeId", "S01").queryParam("limit", 500)
                .get("/api/v1/promoters").then().statusCode(200).body("items.code", hasItem(code))
                .body("items.find { it.code == '" + code + "' }.displayName", is("张*"))
                .body("items.find { it.code == '" + code + "' }.posterUrl", is("https://npsloop.test/api/v1/referrals/" + code + "/poster.png"));
        // total: the whole filtered scope, not the page
        long promotersS01 = count("SELECT count(*) FROM referral_code WHERE status = 'ACTIVE' AND store_id = $1", "S01");
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S01")).queryParam("storeId", "S01").queryParam("limit", 1)
                .get("/api/v1/promoters").then().statusCode(200).body("items.size()", is(1))
                .body("total", is((int) promotersS01));
        long rewardsS01 = count("SELECT count(*) FROM reward WHERE store_id = $1", "S01");
        given().auth().oauth2(manager).queryParam("limit", 1).get("/api/v1/rewards").then().statusCode(200)
                .body("items.size()", is(1)).body("total", is((int) rewardsS01));
        given().auth().oauth2(manager).queryParam("status", "REJECTED").get("/api/v1/rewards").then().statusCode(200)
                .body("total", is((int) count("SELECT count(*) FROM reward WHERE store_id = $1 AND status = 'REJECTED'", "S01")));

        // own feed: numbered by the relay, every event with storeId, never a phone or a name
        relay.runOnce().await().indefinitely();
        var events = given().auth().oauth2(TestTokens.token("SERVICE")).queryParam("limit", 1000).get("/api/v1/events")
                .then().statusCode(200).extract().jsonPath();
        List<String> types = events.getList("events.type");
        assertTrue(types.containsAll(List.of("ReferralCodeIssued", "ReferralBooked", "ReferralConverted", "RewardStateChanged")), types.toString());
        List<Map<String, Object>> data = events.getList("events.data");
        data.forEach(d -> assertTrue(d.get("storeId") != null, d.toString()));
        String all = events.prettify();
        assertFalse(all.contains(friend), "a phone number leaked into the feed");
        assertFalse(all.contains("李四"), "a name leaked into the feed");
        List<Integer> seqs = events.getList("events.seq");
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i + 1, seqs.get(i));
        }
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S01")).get("/api/v1/events").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("SERVICE")).queryParam("limit", 0).get("/api/v1/events").then().statusCode(400);

        // erasure: the promoter's code disappears, the referee's booking loses name and phone
        serve(List.of(event("CustomerErased", "customerKey", Fixtures.KEYS.customerKey(promoterPhone)),
                event("CustomerErased", "customerKey", friendKey)));
        consumer.drain().await().indefinitely();
        Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM booking WHERE id = $1::uuid AND (name IS NOT NULL OR phone IS NOT NULL)", bookingId));
        given().auth().oauth2(manager).get("/api/v1/rewards/" + rewardId).then().statusCode(200).body("promoterKey", is((Object) null));
    }

    @Test
    void outboxRelayNumbersOnlyCommittedRows() {
        relay.runOnce().await().indefinitely();
        long max = count("SELECT COALESCE(max(seq), 0) FROM feed_event");
        // an open transaction holds an event: the relay numbers the committed one and leaves the other for later
        var conn = pool.getConnection().await().indefinitely();
        var tx = conn.begin().await().indefinitely();
        conn.query("INSERT INTO feed_event (event_id, type, occurred_at, data) VALUES (gen_random_uuid(), 'Late', now(), '{\"storeId\":\"S01\"}')")
                .execute().await().indefinitely();
        pool.query("INSERT INTO feed_event (event_id, type, occurred_at, data) VALUES (gen_random_uuid(), 'Early', now(), '{\"storeId\":\"S01\"}')")
                .execute().await().indefinitely();
        relay.runOnce().await().indefinitely();
        assertEquals(max + 1, count("SELECT seq FROM feed_event WHERE type = 'Early'"));
        tx.commit().await().indefinitely();
        conn.close().await().indefinitely();
        relay.runOnce().await().indefinitely();
        assertEquals(max + 2, count("SELECT seq FROM feed_event WHERE type = 'Late'"));
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).queryParam("after", max).get("/api/v1/events").then().statusCode(200)
                .body("events.type", org.hamcrest.Matchers.contains("Early", "Late")).body("next", is((int) max + 2));
        pool.query("DELETE FROM feed_event WHERE type IN ('Early', 'Late')").execute().await().indefinitely();
    }
}
