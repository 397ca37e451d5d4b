package io.npsloop.survey.invitation;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.MutableClock;
import io.npsloop.survey.support.WireMockResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outbound calls: the invitation/reminder webhook outbox and referral-service on the thank-you page. */
@QuarkusTest
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true)
class OutboundTest {

    @Inject
    MutableClock clock;

    @BeforeEach
    void stubs() {
        WireMockResource.server.stubFor(post(urlEqualTo("/hook")).atPriority(10).willReturn(aResponse().withStatus(204)));
        WireMockResource.server.stubFor(post(urlEqualTo("/api/v1/referrals/issue"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\": \"K7x9Qa\", \"shareUrl\": \"http://localhost:8083/r/K7x9Qa\", "
                                + "\"qrSvgUrl\": \"http://localhost:8083/api/v1/referrals/K7x9Qa/qr.svg\", "
                                + "\"qrPngUrl\": \"x\", \"posterPngUrl\": \"y\", \"posterSvgUrl\": \"z\", \"extra\": 1}")));
    }

    private static List<LoggedRequest> hooks(String key) {
        return WireMockResource.server.findAll(postRequestedFor(urlEqualTo("/hook")).withHeader("Idempotency-Key", equalTo(key)));
    }

    private static void awaitHooks(String key, int n) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (hooks(key).size() < n && System.currentTimeMillis() < deadline) {
            Api.sleep(50);
        }
        assertEquals(n, hooks(key).size(), "webhook calls for " + key);
    }

    private static Map<String, Object> newOrder(String store) {
        return Api.order(store, Api.freshPhone());
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> order(Map<String, Object> o) {
        return given().header("Authorization", Api.integration()).contentType("application/json").body(o)
                .post("/api/v1/orders").then().statusCode(201).extract();
    }

    @Test
    void invitationIsRetriedWithBackoffAndNeverResentAfterSuccess() {
        Map<String, Object> o = newOrder("S-OUT-1");
        String orderId = (String) o.get("orderId");
        WireMockResource.server.stubFor(post(urlEqualTo("/hook")).atPriority(1).inScenario(orderId)
                .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing(orderId))
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        String invitationId = order(o).path("invitationId");
        String key = "invitation-" + invitationId;
        awaitHooks(key, 2);
        LoggedRequest sent = hooks(key).get(1);
        assertTrue(sent.getBodyAsString().contains("\"surveyUrl\""));
        assertTrue(sent.getBodyAsString().contains((String) ((Map<?, ?>) o.get("customer")).get("phone")));
        Api.sleep(1500);
        clock.advance(Duration.ofMinutes(10));
        Api.sleep(500);
        assertEquals(2, hooks(key).size());
    }

    @Test
    void oneReminderNeverTwiceNeverAfterAnswerNeverToOptedOut() {
        String remindMe = order(newOrder("S-OUT-2")).path("invitationId");
        var answered = order(newOrder("S-OUT-2"));
        var optedOut = order(newOrder("S-OUT-3"));
        given().contentType("application/json").body("{\"score\": 8}")
                .post("/api/v1/surveys/" + answered.path("token") + "/response").then().statusCode(201);
        given().post("/s/" + optedOut.path("token") + "/opt-out").then().statusCode(200);

        clock.advance(Duration.ofHours(49));
        awaitHooks("reminder-" + remindMe, 1);
        Api.awaitEvent(e -> Api.is(e, "InvitationReminded", "invitationId", remindMe));
        clock.advance(Duration.ofHours(49));
        Api.sleep(1000);
        assertEquals(1, hooks("reminder-" + remindMe).size());
        assertEquals(0, hooks("reminder-" + answered.path("invitationId")).size());
        assertEquals(0, hooks("reminder-" + optedOut.path("invitationId")).size());
        List<Map<String, Object>> events = Api.allEvents();
        assertEquals(1, events.stream().filter(e -> Api.is(e, "InvitationReminded", "invitationId", remindMe)).count());
        assertEquals(0, events.stream().filter(e -> Api.is(e, "InvitationReminded", "invitationId",
                (String) answered.path("invitationId"))).count());
        assertEquals(0, events.stream().filter(e -> Api.is(e, "InvitationReminded", "invitationId",
                (String) optedOut.path("invitationId"))).count());
    }

    @Test
    void expiryIsPublishedAndThePageSays410() {
        var inv = order(newOrder("S-OUT-4"));
        clock.advance(Duration.ofDays(15));
        Api.awaitEvent(e -> Api.is(e, "InvitationExpired", "invitationId", inv.path("invitationId")));
        given().get("/s/" + inv.path("token")).then().statusCode(410).contentType(containsString("text/html"));
    }

    @Test
    void promoterThankYouPageShowsReferralLinkAndQr() {
        String token = order(newOrder("S-OUT-5")).path("token");
        given().formParam("score", "10").post("/s/" + token).then().statusCode(200)
                .body(containsString("http://localhost:8083/r/K7x9Qa"))
                .body(containsString("qr.svg"))
                .body(not(containsString("referral-later")));
        WireMockResource.server.verify(postRequestedFor(urlEqualTo("/api/v1/referrals/issue"))
                .withRequestBody(WireMock.matchingJsonPath("$.displayName", equalTo("张*")))
                .withRequestBody(WireMock.matchingJsonPath("$.storeId", equalTo("S-OUT-5")))
                .withRequestBody(WireMock.matchingJsonPath("$.customerKey", matching("[0-9a-f]{64}"))));
    }
}
