package io.npsloop.referral.code;

import io.npsloop.referral.support.Fixtures;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class IssueResourceTest {

    @Test
    void issueIsIdempotentPerCustomerAndStore() {
        String key = Fixtures.KEYS.customerKey(Fixtures.randomPhone());
        Map<String, Object> body = Map.of("customerKey", key, "storeId", "S01", "displayName", "张三");
        String code = given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json").body(body)
                .post("/api/v1/referrals/issue").then().statusCode(201)
                .body("code", matchesPattern("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{11}"))
                .extract().path("code");
        given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json").body(body)
                .post("/api/v1/referrals/issue").then().statusCode(200)
                .body("code", is(code))
                .body("shareUrl", is("https://npsloop.test/r/" + code + "?via=link"))
                .body("qrSvgUrl", is("https://npsloop.test/api/v1/referrals/" + code + "/qr.svg"))
                .body("qrPngUrl", is("https://npsloop.test/api/v1/referrals/" + code + "/qr.png"))
                .body("posterPngUrl", is("https://npsloop.test/api/v1/referrals/" + code + "/poster.png"))
                .body("posterSvgUrl", is("https://npsloop.test/api/v1/referrals/" + code + "/poster.svg"));
        // another store: another code
        String other = given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json")
                .body(Map.of("customerKey", key, "storeId", "S02")).post("/api/v1/referrals/issue")
                .then().statusCode(201).extract().path("code");
        org.junit.jupiter.api.Assertions.assertNotEquals(code, other);
    }

    @Test
    void issueNeedsServiceRoleAndValidBody() {
        Map<String, Object> body = Map.of("customerKey", "a".repeat(64), "storeId", "S01");
        given().contentType("application/json").body(body).post("/api/v1/referrals/issue").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.expired("SERVICE")).contentType("application/json").body(body)
                .post("/api/v1/referrals/issue").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.signedWithWrongKey("SERVICE")).contentType("application/json").body(body)
                .post("/api/v1/referrals/issue").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).contentType("application/json").body(body)
                .post("/api/v1/referrals/issue").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json")
                .body(Map.of("customerKey", "13800138000", "storeId", "S01"))
                .post("/api/v1/referrals/issue").then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItem("customerKey"));
        given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json")
                .body(Map.of("customerKey", "a".repeat(64), "storeId", "S01", "extra", 1))
                .post("/api/v1/referrals/issue").then().statusCode(400).body("invalidParams.name", hasItem("extra"));
    }

    @Test
    void statsNeedAReferralScope() {
        given().auth().oauth2(TestTokens.token("INTEGRATION")).get("/api/v1/promoters").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token("INTEGRATION")).queryParam("code", "ABCDEFGHJK2").get("/api/v1/funnels")
                .then().statusCode(403);
        given().get("/api/v1/promoters").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).queryParam("limit", 0).get("/api/v1/promoters").then().statusCode(400)
                .body("invalidParams.name", hasItem("limit"));
    }

    @Test
    void codesAreLongRandomAndUnambiguous() {
        CodeGenerator g = new CodeGenerator(11);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String c = g.next();
            assertEquals(11, c.length());
            org.junit.jupiter.api.Assertions.assertFalse(c.matches(".*[01OI].*"), c);
            seen.add(c);
        }
        assertEquals(10_000, seen.size());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CodeGenerator(9));
        assertEquals("ABCDEFGHJK2", CodeGenerator.canonical("abcdefghjk2"));
        assertEquals(null, CodeGenerator.canonical("ABCDEFGHJK0"));
    }

    @Test
    void customerKeyNormalisesPhonesLikeSurveyService() {
        CustomerKeys k = new CustomerKeys("s");
        assertEquals(k.customerKey("13800138000"), k.customerKey("+86 138-0013-8000"));
        assertEquals("13800138000", CustomerKeys.normalisePhone("+86 138-0013-8000"));
        assertEquals(k.plateKey("粤B12345"), k.plateKey("粤b 12-345"));
        assertEquals(64, k.customerKey("13800138000").length());
        assertEquals("张*", CustomerKeys.mask("张三丰"));
        assertEquals("张*", CustomerKeys.mask("张*"));
    }
}
