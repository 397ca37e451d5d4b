package io.npsloop.referral.problem;

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
        given().contentType("application/json").body("{\"orderId\": ")
                .when().post("/api/v1/referrals/ANYCODE2345/bookings")
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
}
