package io.npsloop.referral.landing;

import io.npsloop.referral.support.Fixtures;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LandingResourceTest {

    @Inject
    Pool pool;
    @Inject
    ClickRecorder recorder;

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void landingShowsOfferAndFormAndRecordsClicks() {
        Fixtures.store(pool, "S01", "深圳福田服务中心", "R1");
        String code = Fixtures.code(Fixtures.randomPhone(), "S01");
        String ip = Fixtures.randomIp();
        Fixtures.visit(code, ip, null).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("张* 向你推荐")).body(containsString("深圳福田服务中心"))
                .body(containsString("name=\"phone\"")).body(containsString("name=\"preferredTime\""))
                .body(containsString("action=\"/api/v1/referrals/" + code + "/bookings\""));
        Fixtures.visit(code, ip, "link").then().statusCode(200);
        Fixtures.visit(code, Fixtures.randomIp(), "link").then().statusCode(200);
        given().header("X-Forwarded-For", Fixtures.randomIp()).queryParam("lang", "en").get("/r/" + code.toLowerCase())
                .then().statusCode(200).body(containsString("Book now"));
        recorder.flush().await().indefinitely();
        assertEquals(4, count("SELECT count(*) FROM click WHERE code = $1", code));
        assertEquals(2, count("SELECT count(*) FROM click WHERE code = $1 AND via = 'QR'", code));
        assertEquals(2, count("SELECT count(*) FROM click WHERE code = $1 AND via = 'LINK'", code));
        assertEquals(3, count("SELECT count(*) FROM code_visitor WHERE code = $1", code));
        assertEquals(4, count("SELECT COALESCE(sum((data->>'clicks')::int), 0) FROM feed_event WHERE type = 'ReferralClicked' AND data->>'code' = $1", code));
        assertEquals(3, count("SELECT COALESCE(sum((data->>'newVisitors')::int), 0) FROM feed_event WHERE type = 'ReferralClicked' AND data->>'code' = $1", code));
        given().auth().oauth2(TestTokens.token("SERVICE")).queryParam("code", code).get("/api/v1/funnels")
                .then().statusCode(200).body("items[0].clicks", org.hamcrest.Matchers.is(4))
                .body("items[0].uniqueVisitors", org.hamcrest.Matchers.is(3));
    }

    @Test
    void clicksSpilledToDiskAreWrittenLater() {
        String code = Fixtures.code(Fixtures.randomPhone(), "S01");
        recorder.flush().await().indefinitely();
        Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(200);
        Fixtures.visit(code, Fixtures.randomIp(), "link").then().statusCode(200);
        assertEquals(2, recorder.spillQueue("test"));
        assertEquals(0, recorder.queued());
        assertEquals(2, recorder.reloadSpilled());
        assertEquals(0, recorder.reloadSpilled());
        recorder.flush().await().indefinitely();
        assertEquals(2, count("SELECT count(*) FROM click WHERE code = $1", code));
    }

    @Test
    void unknownMalformedAndRevokedCodesLookAlike() {
        String code = Fixtures.code(Fixtures.randomPhone(), "S01");
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S01")).post("/api/v1/referrals/" + code + "/revoke")
                .then().statusCode(200);
        String revoked = Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(404)
                .contentType(containsString("text/html")).extract().asString();
        String unknown = Fixtures.visit("ZZZZZZZZZZZ", Fixtures.randomIp(), null).then().statusCode(404).extract().asString();
        String malformed = Fixtures.visit("not-a-code", Fixtures.randomIp(), null).then().statusCode(404).extract().asString();
        assertEquals(unknown, revoked);
        assertEquals(unknown, malformed);
        given().auth().oauth2(TestTokens.token("STORE_MANAGER", "S09")).post("/api/v1/referrals/" + Fixtures.code(Fixtures.randomPhone(), "S01") + "/revoke")
                .then().statusCode(403);
    }

    @Test
    void clientsAreRateLimited() {
        // 30 per minute per client in %test: within 45 quick requests the bucket runs dry (refill is 1 per 2 s)
        String ip = Fixtures.randomIp();
        io.restassured.response.Response throttled = null;
        for (int i = 0; i < 45 && throttled == null; i++) {
            var r = Fixtures.visit("ZZZZZZZZZZ" + (char) ('A' + (i % 20)), ip, null);
            if (r.statusCode() == 429) {
                throttled = r;
            } else {
                assertEquals(404, r.statusCode());
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(throttled, "never throttled");
        throttled.then().header("Retry-After", notNullValue()).contentType("application/problem+json");
        Fixtures.visit("ZZZZZZZZZZZ", Fixtures.randomIp(), null).then().statusCode(404);
    }
}
