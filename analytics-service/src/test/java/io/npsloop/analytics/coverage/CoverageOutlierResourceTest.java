package io.npsloop.analytics.coverage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.npsloop.analytics.feed.Events.data;
import static io.npsloop.analytics.feed.Events.response;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * COVERAGE_OUTLIER warnings on the dashboard, end to end through the feed consumer, on generated orders and
 * responses of week 2019-W20 (no other test uses it): ten normal stores (60 % coverage, NPS 30), a planted store
 * with 20 % coverage and NPS 100 (flagged, and its advisor), one with 20 % and NPS −100 (not flagged), a store with
 * 10 orders and one with 3 responses (too small), and inside a normal store an advisor with 15 % coverage and NPS
 * 100 (flagged although its store is not).
 */
@QuarkusTest
class CoverageOutlierResourceTest {

    private static final String T = "2019-05-15T10:00:00+08:00";
    private static final String WEEK = "2019-W20";
    private static final int[] NORMAL = {10, 10, 10, 9, 9, 8, 7, 7, 3, 5}; // P 5, N 3, D 2 of 10: NPS 30
    private static boolean seeded;

    @Inject
    FeedConsumer consumer;
    @Inject
    Pool pool;

    private int id;

    private void orders(Events ev, String store, String advisor, int n) {
        for (int i = 0; i < n; i++) {
            ObjectNode o = data("orderId", "cov-o-" + (++id), "storeId", store, "closedAt", T, "customerKey", "ck-" + id,
                    "invited", true, "serviceType", "MAINTENANCE");
            if (advisor != null) {
                o.put("advisorId", advisor);
            }
            ev.add("OrderCompleted", T, o);
        }
    }

    private void answers(Events ev, String store, String advisor, int n, int[] scores) {
        for (int i = 0; i < n; i++) {
            ev.add("ResponseSubmitted", T, response("cov-r-" + (++id), store, "RCOV", scores[i % scores.length], T,
                    advisor == null ? Map.of() : Map.of("advisorId", advisor)));
        }
    }

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        long pos = pool.query("SELECT coalesce(max(position), 0) FROM feed_cursor WHERE source = 'survey'").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        Events ev = new Events(pos);
        for (String s : List.of("CN0", "CN1", "CN2", "CN3", "CN4", "CN5", "CN6", "CN7", "CN8", "CN9", "CLOW", "CBAD",
                "CSMALL", "CFEW")) {
            ev.add("StoreUpserted", T, data("storeId", s, "regionId", "RCOV", "name", s, "status", "ACTIVE"));
        }
        // CN0: advisor CA-EASY hands out the survey to 6 of 40 customers, all 10s; CA-OK to 54 of 60
        orders(ev, "CN0", "CA-EASY", 40);
        answers(ev, "CN0", "CA-EASY", 6, new int[]{10});
        orders(ev, "CN0", "CA-OK", 60);
        answers(ev, "CN0", "CA-OK", 54, NORMAL);
        for (int s = 1; s <= 9; s++) {
            orders(ev, "CN" + s, "CA-N" + s, 100);
            answers(ev, "CN" + s, "CA-N" + s, 60, NORMAL);
        }
        orders(ev, "CLOW", "CA-LOW", 100);
        answers(ev, "CLOW", "CA-LOW", 20, new int[]{10});
        orders(ev, "CBAD", null, 100);
        answers(ev, "CBAD", null, 20, new int[]{2});
        orders(ev, "CSMALL", null, 10);
        answers(ev, "CSMALL", null, 2, new int[]{10});
        orders(ev, "CFEW", null, 40);
        answers(ev, "CFEW", null, 3, new int[]{10});
        consumer.applyPage("survey", ev.page(), 5000).await().atMost(Duration.ofSeconds(60));
        seeded = true;
    }

    private JsonPath dashboard(String token, String extra) {
        return given().auth().oauth2(token).get("/api/v1/dashboard?week=" + WEEK + extra)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> outliers(JsonPath body) {
        List<Map<String, Object>> all = body.getList("warnings");
        return all.stream().filter(w -> "COVERAGE_OUTLIER".equals(w.get("kind"))).toList();
    }

    @Test
    void hqSeesThePlantedStoreAndTheEasyCustomerAdvisorsOnly() {
        List<Map<String, Object>> w = outliers(dashboard(TestTokens.token("HQ_ANALYST"), ""));
        assertEquals(List.of("advisor:CA-EASY", "advisor:CA-LOW", "store:CLOW").stream().sorted().toList(),
                w.stream().map(x -> x.get("dimension") + ":" + x.get("segment")).sorted().toList(), w.toString());
        // chain: 1250 orders, 645 answered -> 51.6 %
        Map<String, Object> low = w.stream().filter(x -> "CLOW".equals(x.get("segment"))).findFirst().orElseThrow();
        assertEquals(20.0, ((Number) low.get("value")).doubleValue(), 1e-4);
        assertEquals(51.6, ((Number) low.get("previous")).doubleValue(), 1e-4);
        assertEquals(-31.6, ((Number) low.get("delta")).doubleValue(), 1e-4);
        assertTrue(((Number) low.get("z")).doubleValue() <= -1.96, low.toString());
        Map<String, Object> easy = w.stream().filter(x -> "CA-EASY".equals(x.get("segment"))).findFirst().orElseThrow();
        assertEquals(15.0, ((Number) easy.get("value")).doubleValue(), 1e-4);
        assertTrue(((String) easy.get("message")).contains("store CN0"), easy.toString());
        // lowest z first among them
        for (int i = 1; i < w.size(); i++) {
            assertTrue(((Number) w.get(i - 1).get("z")).doubleValue() <= ((Number) w.get(i).get("z")).doubleValue());
        }
    }

    @Test
    void storeFiltersChooseTheReportedGroupsButTheChainStaysTheChain() {
        List<Map<String, Object>> w = outliers(dashboard(TestTokens.token("HQ_ANALYST"), "&storeId=CLOW"));
        assertEquals(List.of("advisor:CA-LOW", "store:CLOW"),
                w.stream().map(x -> x.get("dimension") + ":" + x.get("segment")).sorted().toList());
        assertEquals(51.6, ((Number) w.get(0).get("previous")).doubleValue(), 1e-4);
        assertTrue(outliers(dashboard(TestTokens.token("HQ_ANALYST"), "&storeId=CN1&storeId=CBAD")).isEmpty());
        // a segment-attribute filter: orders by staff are not split by attributes, so no coverage warning at all
        assertTrue(outliers(dashboard(TestTokens.token("HQ_ANALYST"), "&serviceType=MAINTENANCE")).isEmpty());
    }

    @Test
    void nobodyBelowHqSeesIt() {
        assertTrue(outliers(dashboard(TestTokens.token("STORE_MANAGER", "CLOW"), "")).isEmpty());
        assertTrue(outliers(dashboard(TestTokens.token("GENERAL_MANAGER", "CLOW", "CN0"), "")).isEmpty());
        assertTrue(outliers(dashboard(TestTokens.regionToken("REGION_MANAGER", "RCOV"), "")).isEmpty());
        assertTrue(outliers(dashboard(TestTokens.token("SERVICE"), "")).isEmpty());
        // while the HQ view of the same week has them (the test data is there)
        assertEquals(3, outliers(dashboard(TestTokens.token("HQ_ANALYST"), "")).size());
    }
}
