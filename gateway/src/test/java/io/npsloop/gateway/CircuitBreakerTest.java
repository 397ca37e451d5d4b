package io.npsloop.gateway;

import io.npsloop.gateway.client.AnalyticsClient;
import io.npsloop.gateway.client.SurveyClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One circuit breaker per downstream service, shared by all of its endpoints: analytics failing on the dashboard
 * opens the breaker for segments too; while open, nothing reaches analytics, the answer carries the other services'
 * data plus UPSTREAM_UNAVAILABLE with reason CIRCUIT_OPEN; after the delay trial calls go through and it closes.
 * Own profile (small thresholds), so the breaker state never leaks into other test classes.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.SmallBreaker.class)
class CircuitBreakerTest extends GatewayTestBase {

    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("npsloop.downstream.breaker.request-volume-threshold", "4",
                    "npsloop.downstream.breaker.failure-ratio", "0.5",
                    "npsloop.downstream.breaker.delay", "8s", // long against the few ms the open-phase checks take
                    "npsloop.downstream.breaker.success-threshold", "2",
                    "npsloop.downstream.retries", "2");
        }
    }

    private static final String PAGE = """
            { dashboard(week: "2026-W48") { week nps { value } }
              cases(first: 5) { edges { node { id store { name } } } } }""";

    @Inject
    AnalyticsClient analyticsClient;

    @Inject
    SurveyClient surveyClient;

    @Test
    void oneFailingServiceOpensItsBreakerForAllItsEndpointsAndRecovers() throws InterruptedException {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(5, null, "S01"))));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1"))));
        analytics.register(any(urlPathMatching("/api/v1/.*")).willReturn(aResponse().withStatus(503)));
        assertEquals(CircuitBreakerState.CLOSED, analyticsClient.guard().state());

        // failing calls (each read is tried three times) until the breaker opens
        for (int i = 0; i < 5 && analyticsClient.guard().state() != CircuitBreakerState.OPEN; i++) {
            gql(hq(), PAGE).statusCode(200).body("data.dashboard", nullValue())
                    .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
        }
        assertEquals(CircuitBreakerState.OPEN, analyticsClient.guard().state());
        int callsWhenOpened = count(analytics, ".*");
        assertTrue(callsWhenOpened >= 4, "the breaker opened only after the request volume threshold");

        // open: fails fast, for the dashboard and for every other analytics endpoint, without asking analytics
        gql(hq(), PAGE).statusCode(200)
                .body("data.dashboard", nullValue())
                .body("data.cases.edges", hasSize(5))
                .body("data.cases.edges[0].node.store.name", equalTo("门店S01"))
                .body("errors", hasSize(1))
                .body("errors[0].path[0]", equalTo("dashboard"))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].extensions.service", equalTo("analytics-service"))
                .body("errors[0].extensions.reason", equalTo("CIRCUIT_OPEN"));
        gql(hq(), "{ segments(dimension: STORE, from: \"2026-11-01\", to: \"2026-11-30\") { key } }").statusCode(200)
                .body("data.segments", hasSize(0))
                .body("errors[0].extensions.reason", equalTo("CIRCUIT_OPEN"));
        assertEquals(CircuitBreakerState.OPEN, analyticsClient.guard().state(), "still within the breaker's delay");
        assertEquals(callsWhenOpened, count(analytics, ".*"), "an open breaker lets nothing through to analytics");
        assertEquals(CircuitBreakerState.CLOSED, surveyClient.guard().state(), "survey's breaker is its own");

        // analytics is back: after the delay the breaker lets trial calls through (half-open) and closes again
        analytics.resetMappings();
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 72))));
        long deadline = System.nanoTime() + 40_000_000_000L; // an upper bound against hanging, not a speed assertion
        boolean recovered = false;
        while (!recovered && System.nanoTime() < deadline) {
            Thread.sleep(200);
            recovered = gql(hq(), PAGE).statusCode(200).extract().path("data.dashboard.week") != null;
        }
        assertTrue(recovered, "the breaker half-opened after its delay and the trial call succeeded");
        // (resetMappings also emptied the request journal)
        assertTrue(count(analytics, "/api/v1/dashboard") > 0, "trial calls reached analytics again");
        gql(hq(), PAGE).statusCode(200).body("errors", nullValue()).body("data.dashboard.nps.value", is(72.0f));
        assertEquals(CircuitBreakerState.CLOSED, analyticsClient.guard().state(), "two successful trials close it");
    }
}
