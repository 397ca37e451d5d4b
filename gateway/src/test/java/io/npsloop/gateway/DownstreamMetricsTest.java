package io.npsloop.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every downstream attempt is timed by the service's guard ({@code npsloop.downstream.requests}, by service and
 * outcome), and Quarkus' own REST client metrics stay off: their response filter made the REST client hand every
 * downstream answer to a worker thread and back (client/ServiceGuard).
 */
@QuarkusTest
class DownstreamMetricsTest extends GatewayTestBase {

    private static final String DASHBOARD = "{ dashboard(week: \"2026-W48\") { week nps { value } } }";

    @Inject
    MeterRegistry registry;

    @Test
    void eachAttemptIsTimedByServiceAndOutcome() {
        long success = count("success");
        long rejected = count("rejected");
        long error = count("error");

        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 61.0))));
        gql(hq(), DASHBOARD).statusCode(200).body("errors", nullValue());
        assertEquals(success + 1, count("success"));

        analytics.resetMappings();
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\": \"bad week\"}")));
        gql(hq(), DASHBOARD).statusCode(200);
        assertEquals(rejected + 1, count("rejected"), "a 4xx is one rejected attempt (never retried)");

        analytics.resetMappings();
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(aResponse().withStatus(503)));
        gql(hq(), DASHBOARD).statusCode(200);
        assertEquals(error + 3, count("error"), "a 5xx read is tried three times (two retries), each attempt timed");
        assertEquals(success + 1, count("success"));
    }

    @Test
    void quarkusRestClientMetricsAreOffAndOursAreExported() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 61.0))));
        gql(hq(), DASHBOARD).statusCode(200).body("errors", nullValue());
        assertTrue(registry.find("http.client.requests").meters().isEmpty(),
                "Quarkus' REST client metrics filter runs on a worker thread; keep quarkus.micrometer.binder.http-client.enabled=false");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("npsloop_downstream_requests_seconds_count{outcome=\"success\",service=\"analytics-service\"}"))
                .body(not(containsString("http_client_requests")));
    }

    private long count(String outcome) {
        Timer t = registry.find("npsloop.downstream.requests").tag("service", "analytics-service").tag("outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }
}
