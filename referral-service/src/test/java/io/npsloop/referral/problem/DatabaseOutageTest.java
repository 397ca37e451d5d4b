package io.npsloop.referral.problem;

import io.npsloop.testsupport.ProxiedPostgresResource;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database outage, black-box (issue 9 item 2): the app reaches PostgreSQL through a TCP proxy this test cuts
 * (every open connection closed, new ones refused) and restores. During the cut a write answers 503 problem+json
 * with the configured Retry-After, readiness is DOWN and nothing is written; afterwards the same process writes
 * again without a restart (the reactive pool reconnects by itself) and its datasource check is UP.
 */
@QuarkusTest
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @Test
    void outageAnswers503WithRetryAfterAndRecoversByItself() throws Exception {
        promoters().then().statusCode(200);

        ProxiedPostgresResource.cut();
        Response during = given().header("Authorization", "Bearer " + TestTokens.token("SERVICE"))
                .contentType("application/json").body("{\"customerKey\":\"" + "0a".repeat(32) + "\",\"storeId\":\"S01\",\"displayName\":\"李雷\"}")
                .when().post("/api/v1/referrals/issue");
        during.then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo(ProxiedPostgresResource.RETRY_AFTER))
                .body("status", equalTo(503));
        assertTrue(!during.asString().contains("Exception"), "no stack trace or exception name: " + during.asString());
        given().when().get("/q/health/ready").then().statusCode(503);

        ProxiedPostgresResource.restore();
        ProxiedPostgresResource.awaitStatus(200, DatabaseOutageTest::promoters);
        ProxiedPostgresResource.awaitStatus(200, () -> given().when().get("/q/health/ready"));
        assertEquals(0, ProxiedPostgresResource.count("SELECT count(*) FROM referral_code WHERE customer_key = '" + "0a".repeat(32) + "'"), "nothing written during the outage");
    }

    private static Response promoters() {
        return given().header("Authorization", "Bearer " + TestTokens.token("HQ_ANALYST"))
                .when().get("/api/v1/promoters");
    }

}
