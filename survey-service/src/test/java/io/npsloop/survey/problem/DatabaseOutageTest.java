package io.npsloop.survey.problem;

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
        write("R-BEFORE").then().statusCode(201);

        ProxiedPostgresResource.cut();
        Response during = write("R-DURING");
        during.then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo(ProxiedPostgresResource.RETRY_AFTER))
                .body("status", equalTo(503));
        assertTrue(!during.asString().contains("Exception"), "no stack trace or exception name: " + during.asString());
        given().when().get("/q/health/ready").then().statusCode(503);

        ProxiedPostgresResource.restore();
        ProxiedPostgresResource.awaitStatus(201, () -> write("R-AFTER"));
        ProxiedPostgresResource.awaitStatus(200, () -> given().when().get("/q/health/ready"));
        assertEquals(0, ProxiedPostgresResource.count("SELECT count(*) FROM region WHERE id = 'R-DURING'"), "nothing written during the outage");
        assertEquals(2, ProxiedPostgresResource.count("SELECT count(*) FROM region WHERE id IN ('R-BEFORE', 'R-AFTER')"));
    }

    private static Response write(String id) {
        return given().header("Authorization", "Bearer " + TestTokens.token("INTEGRATION"))
                .contentType("application/json").body("{\"id\":\"" + id + "\",\"name\":\"Outage " + id + "\"}")
                .when().post("/api/v1/regions");
    }

}
