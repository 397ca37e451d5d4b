package io.npsloop.survey.survey;

import io.npsloop.survey.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 429 on the public survey endpoints, black-box, with small limits (5 per token, 12 per address per minute): the
 * request past a limit is refused with Retry-After and problem+json (an HTML page for a browser on /s/), writes
 * nothing, and other tokens/addresses are unaffected; an honest customer (view, answer, thank-you) never meets it.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("npsloop.rate-limit.address-requests", "12", "npsloop.rate-limit.token-requests", "5",
                    "npsloop.rate-limit.window", "PT1M");
        }
    }

    @Inject
    RateLimitFilter limiter;

    @BeforeEach
    void fresh() {
        limiter.reset();
    }

    private static Response answer(String token, String address, int score) {
        return given().header("X-Forwarded-For", address).contentType("application/json")
                .body(Map.of("score", score)).post("/api/v1/surveys/" + token + "/response");
    }

    @Test
    void tokenLimitAnswers429WithRetryAfterAndWritesNothing() {
        String token = Api.invite("RL1");
        String address = "203.0.113.10";
        // 5 requests for the token are allowed: page views and a 400 count like any other request
        for (int i = 0; i < 4; i++) {
            given().header("X-Forwarded-For", address).get("/s/" + token).then().statusCode(200);
        }
        answer(token, address, 11).then().statusCode(400);
        Response r = answer(token, address, 7);
        r.then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("title", equalTo("Too Many Requests"));
        int retry = Integer.parseInt(r.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
        // nothing was stored: the token is still unanswered once the window is forgotten
        limiter.reset();
        answer(token, address, 7).then().statusCode(201);
    }

    @Test
    void browserGetsAFriendlyPage() {
        String token = Api.invite("RL1");
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", "203.0.113.11").get("/s/" + token).then().statusCode(200);
        }
        given().header("X-Forwarded-For", "203.0.113.11").accept("text/html").get("/s/" + token)
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType(containsString("text/html")).body(containsString("请稍后再试"));
    }

    @Test
    void addressLimitSparesOtherAddresses() {
        String crowded = "203.0.113.20";
        for (int i = 0; i < 12; i++) {
            // unknown tokens (404) still count for the address: guessing is throttled too
            given().header("X-Forwarded-For", crowded).get("/s/unknownToken" + i).then().statusCode(404);
        }
        String token = Api.invite("RL1");
        answer(token, crowded, 9).then().statusCode(429);
        // the same token from another address goes through: only the crowded address is throttled
        answer(token, "203.0.113.21", 9).then().statusCode(201);
    }

    @Test
    void honestCustomersAreNeverThrottled() {
        // Ten customers on one store Wi-Fi address, each: view the page, answer, view again (the 409 page) = 3
        // requests; 12 per address would stop the fifth customer, so each group of four shares an address here,
        // and every single customer stays far below the per-token limit.
        for (int c = 0; c < 10; c++) {
            String address = "198.51.100." + (c / 4);
            String token = Api.invite("RL2");
            given().header("X-Forwarded-For", address).get("/s/" + token).then().statusCode(200);
            answer(token, address, c % 11).then().statusCode(201);
            answer(token, address, c % 11).then().statusCode(200); // an identical retry
        }
        // endpoints outside the public survey paths are never counted
        for (int i = 0; i < 30; i++) {
            given().get("/q/health/live").then().statusCode(200);
        }
    }
}
