package io.npsloop.survey.problem;

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
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    @Test
    void malformedJsonIsProblemJsonWithoutStackTrace() {
        // Authentication comes first (an anonymous caller learns nothing about the body), so this sends a valid token.
        given().header("Authorization", io.npsloop.testsupport.TestTokens.bearer("INTEGRATION"))
                .contentType("application/json").body("{\"orderId\": ")
                .when().post("/api/v1/orders")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("detail", not(containsString("at io.")))
                .body("detail", not(containsString("Exception")));
    }

    /** PostgreSQL cannot store U+0000: it is refused at the door, never a 500 from the query it would reach. */
    @Test
    void nulCharacterInPathOrQueryIsABadRequest() {
        given().urlEncodingEnabled(false).get("/api/v1/stores/%00").then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("invalidParams[0].name", is("path"));
        given().urlEncodingEnabled(false).get("/api/v1/stores?status=A%00B").then().statusCode(400)
                .contentType("application/problem+json").body("invalidParams[0].name", is("status"));
    }

    /** A NUL inside a JSON string gets as far as the INSERT; PostgreSQL's refusal is the client's 400, nothing stored. */
    @Test
    void nulCharacterInABodyIsABadRequestAndNothingIsStored() {
        java.util.Map<String, Object> order = io.npsloop.survey.support.Api.order("S01", io.npsloop.survey.support.Api.freshPhone());
        order.put("advisorId", "A\u0000B");
        given().header("Authorization", io.npsloop.survey.support.Api.integration()).contentType("application/json")
                .body(order).post("/api/v1/orders").then().statusCode(400).contentType("application/problem+json");
        order.put("advisorId", "A1");
        given().header("Authorization", io.npsloop.survey.support.Api.integration()).contentType("application/json")
                .body(order).post("/api/v1/orders").then().statusCode(201);
    }
}
