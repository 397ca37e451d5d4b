package io.npsloop.analytics.initiative;

import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.analytics.feed.FeedEvent;
import io.npsloop.analytics.feed.FeedPage;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Initiative effects on generated data with exact planted category shares (so every NPS is known):
 * control stores drift +4; a BASIC_SERVICE initiative adds +12 on top; an ENVIRONMENT one adds nothing; an
 * INCENTIVE adds +12 while it runs and falls back below its start after it ends (the seed's bought scores).
 */
@QuarkusTest
class InitiativesResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final LocalDate START = LocalDate.of(2024, 3, 1);
    static final int N = 800; // responses per group and window
    static boolean loaded;
    static String idA, idB, idC;

    @Inject
    FeedConsumer consumer;
    @Inject
    Pool pool;

    private long position() {
        var rs = pool.preparedQuery("SELECT position FROM feed_cursor WHERE source = $1").execute(Tuple.of("survey"))
                .await().atMost(WAIT);
        return rs.rowCount() == 0 ? 0 : rs.iterator().next().getLong(0);
    }

    /** N responses over [from, from+27] spread over the stores, with promoter and detractor percentages. */
    static void window(List<Object[]> out, String[] stores, LocalDate from, int promoterPct, int detractorPct, String tag) {
        int p = N * promoterPct / 100, d = N * detractorPct / 100;
        for (int i = 0; i < N; i++) {
            int score = i < p ? 9 + (i % 2) : i < p + d ? i % 7 : 7 + (i % 2);
            LocalDate day = from.plusDays(i % 28);
            out.add(new Object[]{tag + "-" + i, stores[i % stores.length], score, day + "T11:00:00+08:00"});
        }
    }

    @BeforeEach
    synchronized void load() {
        if (loaded) {
            return;
        }
        String[] a = {"IA1", "IA2"}, b = {"IB1", "IB2"}, c = {"IN1", "IN2"}, ctl = {"IC1", "IC2", "IC3"};
        Events stores = new Events(position());
        for (String s : List.of("IA1", "IA2", "IB1", "IB2", "IN1", "IN2", "IC1", "IC2", "IC3")) {
            stores.add("StoreUpserted", "2024-01-01T00:00:00+08:00",
                    Events.data("storeId", s, "name", "门店" + s, "city", "杭州", "regionId", "IR", "status", "ACTIVE"));
        }
        consumer.applyPage("survey", stores.page(), 1000).await().atMost(WAIT);
        LocalDate before = START.minusDays(28), after = START, post = START.plusDays(28);
        List<Object[]> rows = new ArrayList<>();
        window(rows, ctl, before, 40, 20, "ctl-b");    // NPS 20
        window(rows, ctl, after, 42, 18, "ctl-a");     // NPS 24 (+4 drift)
        window(rows, ctl, post, 42, 18, "ctl-p");      // NPS 24
        window(rows, a, before, 35, 25, "a-b");        // NPS 10
        window(rows, a, after, 43, 17, "a-a");         // NPS 26 = 10 + 4 + 12
        window(rows, b, before, 35, 25, "b-b");        // NPS 10
        window(rows, b, after, 37, 23, "b-a");         // NPS 14 = 10 + 4 (no lift)
        window(rows, c, before, 35, 25, "c-b");        // NPS 10
        window(rows, c, after, 43, 17, "c-a");         // NPS 26 while the incentive runs
        window(rows, c, post, 35, 25, "c-p");          // NPS 10 after it ended: 16 below the control's path
        for (int from = 0; from < rows.size(); from += 1000) {
            Events ev = new Events(position());
            for (Object[] r : rows.subList(from, Math.min(rows.size(), from + 1000))) {
                ev.add("ResponseSubmitted", (String) r[3], Events.response("ini-" + r[0], (String) r[1], "IR", (int) r[2],
                        (String) r[3], Map.of()));
            }
            consumer.applyPage("survey", ev.page(), 1000).await().atMost(WAIT);
        }
        idA = create(TestTokens.token("HQ_ANALYST"), "{\"name\":\"技师培训与一次修复率\",\"category\":\"BASIC_SERVICE\","
                + "\"storeIds\":[\"IA1\",\"IA2\"],\"startDate\":\"2024-03-01\",\"costCents\":12000000}");
        idB = create(TestTokens.token("HQ_ANALYST"), "{\"name\":\"休息区翻新\",\"category\":\"ENVIRONMENT\","
                + "\"storeIds\":[\"IB1\",\"IB2\"],\"startDate\":\"2024-03-01\",\"costCents\":3000000}");
        idC = create(TestTokens.token("HQ_ANALYST"), "{\"name\":\"填问卷送代金券\",\"category\":\"INCENTIVE\","
                + "\"storeIds\":[\"IN1\",\"IN2\"],\"startDate\":\"2024-03-01\",\"endDate\":\"2024-03-28\",\"costCents\":60000000}");
        loaded = true;
    }

    static String create(String token, String body) {
        String location = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/initiatives").then().statusCode(201).header("Location", containsString("/api/v1/initiatives/"))
                .extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static JsonPath effect(String id) {
        return given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/initiatives/" + id + "/effect")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPlantedLiftOf12IsFoundInsideItsIntervalAndPricedPerPoint() {
        JsonPath e = effect(idA);
        assertEquals(10.0, e.getDouble("before.treated.value"), 1e-9);
        assertEquals(26.0, e.getDouble("after.treated.value"), 1e-9);
        assertEquals(20.0, e.getDouble("before.control.value"), 1e-9);
        assertEquals(24.0, e.getDouble("after.control.value"), 1e-9);
        assertEquals(N, e.getInt("before.treated.n"));
        assertEquals(N, e.getInt("after.control.n"));
        assertEquals(12.0, e.getDouble("lift"), 1e-9);
        assertTrue(e.getDouble("intervalLow") < 12 && 12 < e.getDouble("intervalHigh"));
        assertTrue(e.getDouble("intervalLow") > 0, "significant: interval above 0");
        assertTrue(e.getBoolean("significant"));
        assertEquals(1_000_000L, e.getLong("costPerPoint")); // 120 000.00 ÷ 12 points
        assertNull(e.get("costPerPointReason"));
        assertNull(e.get("afterEnd"));
        assertNull(e.get("liftHeld"));
        assertEquals(28, e.getInt("windowDays"));
        assertEquals("2024-02-02", e.getString("before.from"));
        assertEquals("2024-03-28", e.getString("after.to"));
        // the SE combines the four groups' NPS SEs
        double se = Math.sqrt(sq(se(35, 25)) + sq(se(43, 17)) + sq(se(40, 20)) + sq(se(42, 18)));
        assertEquals(Math.round(se * 10) / 10.0, e.getDouble("standardError"), 0.051);
        // the other initiatives' stores are not controls while they run
        assertEquals(e.getInt("controlStores"), controlsWithoutInitiatives());
    }

    private int controlsWithoutInitiatives() {
        var rs = pool.preparedQuery("SELECT count(*) FROM store_dim WHERE store_id NOT IN ('IA1','IA2','IB1','IB2','IN1','IN2')")
                .execute().await().atMost(WAIT);
        return rs.iterator().next().getInteger(0);
    }

    static double se(int pPct, int dPct) {
        double p = pPct / 100.0, d = dPct / 100.0;
        return 100 * Math.sqrt((p + d - (p - d) * (p - d)) / N);
    }

    static double sq(double x) {
        return x * x;
    }

    @Test
    void noLiftIsNotSignificantAndHasNoCostPerPoint() {
        JsonPath e = effect(idB);
        assertEquals(0.0, e.getDouble("lift"), 1e-9);
        assertFalse(e.getBoolean("significant"));
        assertNull(e.get("costPerPoint"));
        assertThat(e.getString("costPerPointReason"), startsWith("LIFT_NOT_SIGNIFICANT"));
    }

    @Test
    void anIncentivesLiftThatVanishesAfterItEndsDidNotHold() {
        JsonPath e = effect(idC);
        assertEquals(12.0, e.getDouble("lift"), 1e-9);
        assertTrue(e.getBoolean("significant"));
        assertEquals("2024-03-29", e.getString("afterEnd.from"));
        assertEquals(10.0, e.getDouble("afterEnd.treated.value"), 1e-9);
        assertEquals(-16.0, e.getDouble("fallBack"), 1e-9);
        assertEquals(-4.0, e.getDouble("liftAfterEnd"), 1e-9); // below where it started, against the controls
        assertFalse(e.getBoolean("liftHeld"));
        assertEquals(5_000_000L, e.getLong("costPerPoint"));
    }

    @Test
    void theListRanksByCostPerPointWithUnpricedLast() {
        List<String> ids = given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/initiatives")
                .then().statusCode(200).body("next", nullValue()).extract().jsonPath().getList("items.initiative.id");
        List<String> mine = ids.stream().filter(i -> List.of(idA, idB, idC).contains(i)).toList();
        assertEquals(List.of(idA, idC, idB), mine);
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/initiatives?category=INCENTIVE")
                .then().statusCode(200).body("items.initiative.category", everyItem(is("INCENTIVE")));
        // a store manager sees the initiatives of its store only
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "IB1", "IB2")).get("/api/v1/initiatives")
                .then().statusCode(200).body("items.initiative.id", hasItem(idB)).body("items.initiative.id", not(hasItem(idA)));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "IB1")).get("/api/v1/initiatives/" + idA + "/effect")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void storeManagersLogInitiativesForTheirOwnStoresOnly() {
        String id = create(TestTokens.token("STORE_MANAGER", "IA1"), "{\"name\":\"生日惊喜\",\"category\":\"EMOTIONAL_CONNECTION\","
                + "\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-01\",\"endDate\":\"2023-01-31\",\"costCents\":0}");
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "IA1")).get("/api/v1/initiatives/" + id)
                .then().statusCode(200).body("category", is("EMOTIONAL_CONNECTION")).body("storeIds", contains("IA1"))
                .body("endDate", is("2023-01-31"));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "IA1")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA2\"],\"startDate\":\"2023-01-01\",\"costCents\":1}")
                .post("/api/v1/initiatives").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "IA1")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-01\",\"costCents\":1}")
                .post("/api/v1/initiatives").then().statusCode(403);
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "IR")).contentType(ContentType.JSON)
                .body("{\"name\":\"区域培训\",\"category\":\"BASIC_SERVICE\",\"storeIds\":[\"IA1\",\"IB1\"],\"startDate\":\"2023-02-01\",\"endDate\":\"2023-02-02\",\"costCents\":100}")
                .post("/api/v1/initiatives").then().statusCode(201);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String hq = TestTokens.token("HQ_ANALYST");
        bad(hq, "{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"NOSUCH\"],\"startDate\":\"2023-01-01\",\"costCents\":1}", "storeIds");
        bad(hq, "{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-10\",\"endDate\":\"2023-01-09\",\"costCents\":1}", "endDate");
        bad(hq, "{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-01\",\"costCents\":-5}", "costCents");
        bad(hq, "{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-01\",\"costCents\":1,\"colour\":\"red\"}", "colour");
        bad(hq, "{\"name\":\"x\",\"category\":\"LOTTERY\",\"storeIds\":[\"IA1\"],\"startDate\":\"2023-01-01\",\"costCents\":1}", "category");
        bad(hq, "{\"name\":\"x\",\"category\":\"ENVIRONMENT\",\"storeIds\":[\"IA1\"],\"startDate\":\"01/01/2023\",\"costCents\":1}", "startDate");
        bad(hq, "{\"category\":\"ENVIRONMENT\",\"storeIds\":[],\"costCents\":1}", "name");
        given().auth().oauth2(hq).contentType(ContentType.JSON)
                .body("{\"category\":\"ENVIRONMENT\",\"storeIds\":[],\"costCents\":1}").post("/api/v1/initiatives")
                .then().statusCode(400).body("invalidParams.name", hasItems("name", "storeIds", "startDate"));
        given().auth().oauth2(hq).get("/api/v1/initiatives/00000000-0000-0000-0000-000000000000/effect")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(hq).get("/api/v1/initiatives?category=LOTTERY").then().statusCode(400)
                .body("invalidParams[0].name", is("category"));
    }

    static void bad(String token, String body, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/initiatives")
                .then().statusCode(400).contentType("application/problem+json").body("invalidParams.name", hasItem(field));
    }

    @Test
    void targetBandsMarkEachStoreBelowWithinOrAbove() {
        // week 2024-W10 (4-10 March) lies inside the "after" window: IA* 26, IC* 24 ... all below the default 70-80
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/target-bands?week=2024-W10&regionId=IR")
                .then().statusCode(200).body("week", is("2024-W10"))
                .body("stores.storeId", hasItems("IA1", "IC1")).body("stores.position", everyItem(is("BELOW")))
                .body("stores.find { it.storeId == 'IA1' }.low", is(70.0f));
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/target-bands?week=2024-W99")
                .then().statusCode(400).body("invalidParams[0].name", is("week"));
    }

    @Test
    void positionsAgainstABand() {
        assertEquals("BELOW", TargetBandResource.position(69.9, 70, 80));
        assertEquals("WITHIN", TargetBandResource.position(70, 70, 80));
        assertEquals("WITHIN", TargetBandResource.position(80, 70, 80));
        assertEquals("ABOVE", TargetBandResource.position(80.1, 70, 80));
    }
}
