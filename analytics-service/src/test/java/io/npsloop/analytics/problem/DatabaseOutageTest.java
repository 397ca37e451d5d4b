package io.npsloop.analytics.problem;

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
 * with the configured Retry-After (here a read: analytics writes only from its feed consumers) and readiness is
 * DOWN; afterwards the same process answers again without a restart (the reactive pool reconnects by itself) and its datasource check is UP.
 */
@QuarkusTest
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @Test
    void outageAnswers503WithRetryAfterAndRecoversByItself() throws Exception {
        nps().then().statusCode(200);

        ProxiedPostgresResource.cut();
        Response during = nps();
        during.then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo(ProxiedPostgresResource.RETRY_AFTER))
                .body("status", equalTo(503));
        assertTrue(!during.asString().contains("Exception"), "no stack trace or exception name: " + during.asString());
        given().when().get("/q/health/ready").then().statusCode(503);

        ProxiedPostgresResource.restore();
        ProxiedPostgresResource.awaitStatus(200, DatabaseOutageTest::nps);
        ProxiedPostgresResource.awaitStatus(200, () -> given().when().get("/q/health/ready"));
        assertEquals(1, ProxiedPostgresResource.count("SELECT 1"));
    }

    private static Response nps() {
        return given().header("Authorization", "Bearer " + TestTokens.token("HQ_ANALYST"))
                .when().get("/api/v1/nps?from=2026-01-01&to=2026-01-31");
    }

}
