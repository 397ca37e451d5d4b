package io.npsloop.analytics.topic;

import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Topic rollups end to end: generated ResponseSubmitted events through the feed consumer, GET /api/v1/topics
 * against an independent brute-force computation over the generated responses, re-sent events, filters, RBAC.
 */
@QuarkusTest
class TopicsResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] STORES = {"TPC1", "TPC2", "TPC3"};
    private static final String[] TYPES = {"MAINTENANCE", "REPAIR", "TYRE", "RESCUE"};
    private static final String[] COMMENTS = {
            "等了快两个小时才轮到我，太耽误事了", "价格比4S店便宜不少，挺实惠的", "前台小姑娘态度特别好，一直微笑",
            "收费明细列得清清楚楚，没有乱加项目", "师傅一听声音就知道是哪里的问题，很专业", "休息区很干净，还有免费咖啡",
            "打了三次电话都没人接，后来也没回电", "配件没货，说要调货等三天", "上次修完没两天异响又出来了，白跑一趟",
            "挺好的", "Rude staff and I waited forever.", "不贵，也没等多久", "没问题，下次还来"};

    record Resp(String id, String store, String type, int score, String comment) {
    }

    static List<Resp> generated;
    static boolean loaded;

    @Inject
    FeedConsumer consumer;
    @Inject
    Pool pool;
    @Inject
    TopicClassifier classifier;

    private long position() {
        var rs = pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of("survey"))
                .await().atMost(WAIT);
        return rs.rowCount() == 0 ? 0 : rs.iterator().next().getLong(0);
    }

    @BeforeEach
    synchronized void load() {
        if (loaded) {
            return;
        }
        Random rnd = new Random(42);
        generated = new ArrayList<>();
        Events ev = new Events(position());
        for (int i = 0; i < 900; i++) {
            String store = STORES[rnd.nextInt(STORES.length)];
            String type = TYPES[rnd.nextInt(TYPES.length)];
            int score = rnd.nextInt(11);
            String comment = rnd.nextInt(5) == 0 ? null : COMMENTS[rnd.nextInt(COMMENTS.length)];
            String id = "tp-" + i;
            String at = "2025-03-0" + (1 + rnd.nextInt(5)) + "T1" + rnd.nextInt(10) + ":00:00+08:00";
            var d = Events.response(id, store, "TPR", score, at, Map.of("serviceType", type));
            d.put("comment", comment);
            ev.add("ResponseSubmitted", at, d);
            generated.add(new Resp(id, store, type, score, comment));
        }
        consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT);
        // the same events again (at-least-once delivery, and a producer re-send with new seq): counted once
        Events again = new Events(position());
        ev.list().subList(0, 100).forEach(e -> again.add(e.type(), e.occurredAt(), Events.tree(e)));
        consumer.applyPage("survey", again.page(), 1000).await().atMost(WAIT);
        loaded = true;
    }

    static double r1(double x) {
        return new BigDecimal(Double.toString(x)).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Brute force over the generated responses: topic -> {P, N, D}, and the total. */
    Map<String, long[]> expected(Set<String> stores, Set<String> types, long[] total) {
        Map<String, long[]> m = new HashMap<>();
        for (Resp r : generated) {
            if (!stores.contains(r.store()) || !types.contains(r.type())) {
                continue;
            }
            int cat = r.score() >= 9 ? 0 : r.score() >= 7 ? 1 : 2;
            total[cat]++;
            for (String t : classifier.classify(r.comment()).topics()) {
                m.computeIfAbsent(t, k -> new long[3])[cat]++;
            }
        }
        return m;
    }

    void assertMatches(JsonPath body, Map<String, long[]> exp, long[] total) {
        long n = total[0] + total[1] + total[2];
        assertEquals(n, body.getLong("responses"));
        double overall = 100.0 * (total[0] - total[2]) / n;
        List<Map<String, Object>> topics = body.getList("topics");
        assertEquals(classifier.taxonomy().topics().size(), topics.size());
        int withMentions = 0;
        for (Map<String, Object> t : topics) {
            long[] c = exp.getOrDefault((String) t.get("topic"), new long[3]);
            long mentions = c[0] + c[1] + c[2];
            assertEquals(mentions, ((Number) t.get("mentions")).longValue(), "mentions of " + t.get("topic"));
            assertEquals(c[0], ((Number) t.get("promoters")).longValue());
            assertEquals(c[1], ((Number) t.get("passives")).longValue());
            assertEquals(c[2], ((Number) t.get("detractors")).longValue());
            long wn = n - mentions;
            double without = 100.0 * ((total[0] - c[0]) - (total[2] - c[2])) / wn;
            assertEquals(r1(without), ((Number) t.get("npsWithout")).doubleValue(), 1e-4, "npsWithout " + t.get("topic"));
            assertEquals(r1(overall - without), ((Number) t.get("weightedImpact")).doubleValue(), 1e-4, "weightedImpact " + t.get("topic"));
            if (mentions > 0) {
                withMentions++;
                assertEquals(r1(100.0 * (c[0] - c[2]) / mentions), ((Number) t.get("npsWith")).doubleValue(), 1e-4);
                assertEquals(r1(100.0 * (c[0] - c[2]) / mentions - without), ((Number) t.get("impact")).doubleValue(), 1e-4,
                        "impact (issue 12: npsWith - npsWithout) " + t.get("topic"));
                assertFalse(((List<?>) t.get("keywords")).isEmpty(), "keywords of " + t.get("topic"));
            } else {
                assertNull(t.get("npsWith"));
                assertNull(t.get("impact"));
            }
        }
        assertTrue(withMentions >= 8, "the generated comments touch most topics");
    }

    @Test
    void topicFiguresEqualAnIndependentComputationAndResentEventsCountOnce() {
        long[] total = new long[3];
        Map<String, long[]> exp = expected(Set.of(STORES), Set.of(TYPES), total);
        JsonPath body = given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/topics?from=2025-03-01&to=2025-03-05&regionId=TPR")
                .then().statusCode(200).extract().jsonPath();
        assertMatches(body, exp, total);
        // sorted by weightedImpact, pain points first
        List<Float> impacts = body.getList("topics.weightedImpact", Float.class);
        for (int i = 1; i < impacts.size(); i++) {
            assertTrue(impacts.get(i - 1) <= impacts.get(i));
        }
    }

    @Test
    void filtersNarrowBothTheMentionsAndTheResponsesWithout() {
        long[] total = new long[3];
        Map<String, long[]> exp = expected(Set.of("TPC1", "TPC2"), Set.of("REPAIR", "TYRE"), total);
        JsonPath body = given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/topics?from=2025-03-01&to=2025-03-05&storeId=TPC1&storeId=TPC2&serviceType=REPAIR&serviceType=TYRE")
                .then().statusCode(200).extract().jsonPath();
        assertMatches(body, exp, total);
    }

    @Test
    void negationKeepsTheTopicAndTheNegatorShowsInTheKeyword() {
        JsonPath body = given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/topics?from=2025-03-01&to=2025-03-05&storeId=TPC1")
                .then().statusCode(200).extract().jsonPath();
        List<String> price = body.getList("topics.find { it.topic == 'PRICE' }.keywords");
        assertTrue(price.contains("不贵"), "keywords " + price);
    }

    @Test
    void sampleCommentsOnlyForStoreManagersAndAboveAndOnlyFromKMin() {
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "TPC1"))
                .get("/api/v1/topics/PRICE/comments?from=2025-03-01&to=2025-03-05&storeId=TPC1")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "TPC1"))
                .get("/api/v1/topics/PRICE/comments?from=2025-03-01&to=2025-03-05&storeId=TPC1&limit=5")
                .then().statusCode(200).body("withheld", is(false)).body("items", hasSize(5))
                .body("items.storeId", everyItem(is("TPC1"))).body("items[0].topics", hasItem("PRICE"))
                .body("items[0].comment", not(emptyOrNullString()));
        // another store's comments stay out of a store manager's reach
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "TPC1"))
                .get("/api/v1/topics/PRICE/comments?from=2025-03-01&to=2025-03-05&storeId=TPC2")
                .then().statusCode(403);
        // a group below k-min (5): one detractor-only slice of one day is too small -> withheld, no text
        String small = "/api/v1/topics/PRICE/comments?from=2025-03-01&to=2025-03-01&storeId=TPC1&serviceType=RESCUE";
        long[] total = new long[3];
        int mentions = 0;
        for (Resp r : generated) {
            if (r.store().equals("TPC1") && r.type().equals("RESCUE") && r.id() != null
                    && classifier.classify(r.comment()).topics().contains("PRICE")) {
                mentions++;
            }
        }
        assertTrue(mentions > 0);
        given().auth().oauth2(TestTokens.token("GENERAL_MANAGER", "TPC1"))
                .get("/api/v1/topics/PRICE/comments?from=2025-03-01&to=2025-03-05&storeId=TPC1&serviceType=RESCUE&gender=nobody")
                .then().statusCode(200).body("withheld", is(true)).body("items", hasSize(0))
                .body("reason", containsString("k-min"));
        given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/topics/NOPE/comments?from=2025-03-01&to=2025-03-05")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void smallGroupsAreSuppressedForServiceAdvisors() {
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "TPC1"))
                .get("/api/v1/topics?from=2025-03-01&to=2025-03-01&storeId=TPC1&serviceType=RESCUE&gender=nobody")
                .then().statusCode(200).body("responses", nullValue())
                .body("topics.suppressed", everyItem(is(true))).body("topics.mentions", everyItem(nullValue()));
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "TPC1"))
                .get("/api/v1/topics?from=2025-03-01&to=2025-03-05&storeId=TPC1")
                .then().statusCode(200).body("responses", greaterThan(100));
    }

    @Test
    void invalidQueriesAreProblems() {
        given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .get("/api/v1/topics?from=2025-03-09&to=2025-03-01&serviceType=BOAT")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItems("to", "serviceType"));
        given().get("/api/v1/topics?from=2025-03-01&to=2025-03-05").then().statusCode(401);
    }
}
