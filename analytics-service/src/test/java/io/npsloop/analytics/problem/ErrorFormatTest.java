package io.npsloop.analytics.problem;

import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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
    void invalidQueryParameterIsProblemJsonNamingIt() {
        given().auth().oauth2(TestTokens.token("HQ_ANALYST"))
                .when().get("/api/v1/nps?from=2026-13-01&to=2026-11-30")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("invalidParams.name", hasItem("from"))
                .body("detail", not(containsString("at io.")))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void wrongMethodIsProblemJson() {
        given().auth().oauth2(TestTokens.token("HQ_ANALYST")).contentType("application/json").body("{\"x\": ")
                .when().post("/api/v1/nps")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", is(405));
    }

    /** PostgreSQL cannot store U+0000: it is refused at the door, never a 500 from the query it would reach. */
    @Test
    void nulCharacterInPathOrQueryIsABadRequest() {
        given().urlEncodingEnabled(false).get("/api/v1/stores/%00").then().statusCode(400)
                .contentType("application/problem+json").body("status", is(400)).body("invalidParams[0].name", is("path"));
        given().urlEncodingEnabled(false).get("/api/v1/stores?status=A%00B").then().statusCode(400)
                .contentType("application/problem+json").body("invalidParams[0].name", is("status"));
    }
}
