package io.npsloop.gateway.problem;

import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ErrorFormatTest {

    @Test
    void unknownRouteIsProblemJson() {
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST"))
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("title", notNullValue())
                .body("detail", containsString("/graphql"));
    }

    @Test
    void malformedGraphqlBodyIsAGraphqlErrorWithoutStackTrace() {
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST"))
                .contentType("application/json").body("{\"query\": ")
                .when().post("/graphql")
                .then().statusCode(200)   // GraphQL over HTTP: the failure is in "errors", not the status
                .body("errors[0].message", notNullValue())
                .body(not(containsString("at io.")))
                .body(not(containsString("java.")));
    }

    @Test
    void readinessAndLivenessAnswerWithoutADatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
