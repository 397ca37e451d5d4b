package io.npsloop.analytics.query;

import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.npsloop.analytics.feed.Events.data;
import static io.npsloop.analytics.feed.Events.response;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Auth, scope, k-min suppression and parameter validation of the query API. */
@QuarkusTest
class AnalyticsResourceTest {

    private static final String T = "2026-11-18T10:00:00+08:00";
    private static final String Q = "from=2026-11-16&to=2026-11-22";

    @Inject
    FeedConsumer consumer;

    @Inject
    Pool pool;

    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        long pos = pool.query("SELECT coalesce(max(position), 0) FROM feed_cursor WHERE source = 'survey'").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        Events ev = new Events(pos)
                .add("StoreUpserted", T, data("storeId", "A1", "regionId", "RA", "name", "A1", "status", "ACTIVE"))
                .add("StoreUpserted", T, data("storeId", "A2", "regionId", "RA", "name", "A2", "status", "ACTIVE"))
                .add("StoreUpserted", T, data("storeId", "B1", "regionId", "RB", "name", "B1", "status", "ACTIVE"));
        for (int i = 0; i < 12; i++) {
            ev.add("ResponseSubmitted", T, response("a1-" + i, "A1", "RA", i % 11, T, Map.of("tenure", "NEW")));
        }
        for (int i = 0; i < 3; i++) {
            ev.add("ResponseSubmitted", T, response("a2-" + i, "A2", "RA", 10, T, Map.of("tenure", "OLD")));
        }
        for (int i = 0; i < 6; i++) {
            ev.add("ResponseSubmitted", T, response("b1-" + i, "B1", "RB", 9, T, Map.of("tenure", "NEW")));
        }
        consumer.applyPage("survey", ev.page(), 1000).await().atMost(Duration.ofSeconds(30));
        seeded = true;
    }

    @Test
    void withoutAValidTokenNothingIsAnswered() {
        given().get("/api/v1/nps?" + Q).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", org.hamcrest.Matchers.is(401));
        given().auth().oauth2(TestTokens.expired("HQ_ANALYST")).get("/api/v1/nps?" + Q).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.signedWithWrongKey("HQ_ANALYST")).get("/api/v1/nps?" + Q).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("INTEGRATION")).get("/api/v1/nps?" + Q).then().statusCode(403)
                .contentType("application/problem+json").body("status", org.hamcrest.Matchers.is(403));
    }

    @Test
    void storeRolesSeeOnlyTheirStoresAndAFilterOutsideIsForbidden() {
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "A1")).get("/api/v1/nps?" + Q)
                .then().statusCode(200).body("n", is(12)).body("suppressed", is(false));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "A1")).get("/api/v1/nps?" + Q + "&storeId=B1")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("B1"));
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "A1")).get("/api/v1/segments?dimension=STORE&" + Q)
                .then().statusCode(200).body("segments.key", contains("A1"));
        given().auth().oauth2(TestTokens.token("GENERAL_MANAGER", "A1")).get("/api/v1/dashboard?week=2026-W47&regionId=RB")
                .then().statusCode(403);
    }

    @Test
    void regionManagersSeeTheirRegionsStores() {
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "RA")).get("/api/v1/nps?" + Q)
                .then().statusCode(200).body("n", is(15));
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "RA")).get("/api/v1/nps?" + Q + "&storeId=A2")
                .then().statusCode(200).body("n", is(3)).body("value", is(100.0f));
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "RA")).get("/api/v1/nps?" + Q + "&regionId=RB")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "RA")).get("/api/v1/nps?" + Q + "&storeId=B1")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.regionToken("REGION_MANAGER", "RA"))
                .get("/api/v1/segments?dimension=REGION&" + Q)
                .then().statusCode(200).body("segments.key", contains("RA")).body("segments[0].nps.n", is(15));
    }

    @Test
    void serviceAdvisorsGetGroupsBelowKMinSuppressed() {
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "A1", "A2")).get("/api/v1/nps?" + Q + "&storeId=A2")
                .then().statusCode(200).body("suppressed", is(true)).body("value", nullValue())
                .body("n", nullValue()).body("promoters", nullValue());
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "A1", "A2")).get("/api/v1/nps?" + Q)
                .then().statusCode(200).body("suppressed", is(false)).body("n", is(15));
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "A1", "A2"))
                .get("/api/v1/segments?dimension=TENURE&" + Q)
                .then().statusCode(200)
                .body("segments.find { it.key == 'OLD' }.nps.suppressed", is(true))
                .body("segments.find { it.key == 'NEW' }.nps.n", is(12));
        given().auth().oauth2(TestTokens.token("SERVICE_ADVISOR", "A2")).get("/api/v1/dashboard?week=2026-W47")
                .then().statusCode(200).body("nps.suppressed", is(true)).body("overallNps.value", nullValue())
                .body("topDetractorReasons", empty());
        // a store manager of the same store sees the small group
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "A2")).get("/api/v1/nps?" + Q)
                .then().statusCode(200).body("suppressed", is(false)).body("n", is(3));
    }

    @Test
    void invalidParametersAreNamedInOneProblem() {
        String hq = TestTokens.token("HQ_ANALYST");
        given().auth().oauth2(hq).get("/api/v1/nps?from=2026-11-22&to=2026-11-16&serviceType=CARWASH&tenure=ANCIENT")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", containsInAnyOrder("to", "serviceType", "tenure"));
        given().auth().oauth2(hq).get("/api/v1/nps?to=2026-11-16").then().statusCode(400)
                .body("invalidParams[0].name", is("from")).body("invalidParams[0].reason", is("is required"));
        given().auth().oauth2(hq).get("/api/v1/dashboard?week=2026-W54").then().statusCode(400)
                .body("invalidParams[0].name", is("week"));
        given().auth().oauth2(hq).get("/api/v1/dashboard?week=48").then().statusCode(400)
                .body("invalidParams[0].name", is("week"));
        given().auth().oauth2(hq).get("/api/v1/segments?dimension=PLANET&" + Q).then().statusCode(400)
                .body("invalidParams[0].name", is("dimension"));
        given().auth().oauth2(hq).get("/api/v1/trend?granularity=YEAR&" + Q).then().statusCode(400)
                .body("invalidParams[0].name", is("granularity"));
        given().auth().oauth2(hq).get("/api/v1/nps?" + Q + "&storeId=" + "x".repeat(65)).then().statusCode(400)
                .body("invalidParams[0].name", is("storeId"));
        given().auth().oauth2(hq).get("/api/v1/nps?" + Q + "&gender=a%20b").then().statusCode(400)
                .body("invalidParams[0].name", is("gender"));
        given().auth().oauth2(hq).get("/api/v1/referral-funnel?" + Q + "&tenure=NEW").then().statusCode(400)
                .body("invalidParams[0].name", is("tenure"));
        given().auth().oauth2(hq).get("/api/v1/funnel?" + Q + "&channel=LINK").then().statusCode(400)
                .body("invalidParams[0].name", is("channel"));
        given().auth().oauth2(hq).get("/api/v1/nps?from=2026-11-16&from=2026-11-17&to=2026-11-22").then().statusCode(400)
                .body("invalidParams[0].name", is("from"));
    }

    @Test
    void emptyPeriodsAnswerZeroCountsAndNullFigures() {
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/nps?from=2020-01-01&to=2020-01-31")
                .then().statusCode(200).body("n", is(0)).body("value", nullValue()).body("marginOfError", nullValue())
                .body("suppressed", is(false));
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get("/api/v1/dashboard?week=2020-W01")
                .then().statusCode(200).body("week", is("2020-W01")).body("nps.n", is(0))
                .body("overallNps.value", nullValue()).body("warnings", empty());
    }
}
