package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One service down: its fields come back null (or empty for non-null lists) with UPSTREAM_UNAVAILABLE; the rest resolves. */
@QuarkusTest
class PartialFailureTest extends GatewayTestBase {

    private static final String PAGE = """
            { dashboard(week: "2026-W48") { week nps { value } }
              segments(dimension: STORE, from: "2026-11-01", to: "2026-11-30") { key }
              cases(first: 5) { edges { node { id store { name } } } }
              promoters(first: 5) { edges { node { code funnel { clicks } } } } }""";

    private void allUp() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 72))));
        analytics.register(get(urlPathEqualTo("/api/v1/segments")).willReturn(okJson("{\"dimension\": \"STORE\", \"segments\": []}")));
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(5, null, "S01"))));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1"))));
        referral.register(get(urlPathEqualTo("/api/v1/promoters")).willReturn(okJson(Fixtures.page(List.of(Fixtures.promoter("P1", "S01", true)), null))));
    }

    @Test
    void analyticsDownLeavesCasesAndPromoters() {
        allUp();
        analytics.register(any(urlPathMatching("/api/v1/.*")).atPriority(1).willReturn(aResponse().withStatus(503)));
        gql(hq(), PAGE).statusCode(200)
                .body("data.dashboard", nullValue())
                .body("data.segments", hasSize(0))
                .body("data.cases.edges", hasSize(5))
                .body("data.cases.edges[0].node.store.name", equalTo("门店S01"))
                .body("data.promoters.edges[0].node.funnel.clicks", is(9))
                .body("errors", hasSize(2))
                .body("errors.extensions.code", org.hamcrest.Matchers.everyItem(equalTo("UPSTREAM_UNAVAILABLE")))
                .body("errors.extensions.service", org.hamcrest.Matchers.everyItem(equalTo("analytics-service")))
                .body("errors.path.flatten()", org.hamcrest.Matchers.containsInAnyOrder("dashboard", "segments"));
        assertEquals(3, count(analytics, "/api/v1/dashboard"), "an idempotent read is retried twice");
    }

    @Test
    void surveyConnectionResetNullsOnlyItsFields() {
        allUp();
        survey.register(any(urlPathMatching("/api/v1/.*")).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        gql(hq(), PAGE).statusCode(200)
                .body("data.dashboard.nps.value", is(72.0f))
                .body("data.cases.edges", hasSize(0))
                .body("data.promoters.edges[0].node.code", equalTo("P1"))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].path[0]", equalTo("cases"));
    }

    @Test
    void storeLookupDownNullsOnlyTheStoreFields() {
        allUp();
        survey.register(get(urlPathEqualTo("/api/v1/stores")).atPriority(1).willReturn(aResponse().withStatus(500)));
        gql(hq(), "{ cases(first: 2) { edges { node { id store { name } } } } }").statusCode(200)
                .body("data.cases.edges", hasSize(2))
                .body("data.cases.edges[0].node.id", equalTo("C0"))
                .body("data.cases.edges[0].node.store", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].path", org.hamcrest.Matchers.contains("cases", "edges", 0, "node", "store"));
    }

    @Test
    void slowServiceTimesOut() {
        allUp();
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).atPriority(1)
                .willReturn(okJson(Fixtures.dashboard("2026-W48", 72)).withFixedDelay(8000)));
        gql(hq(), "{ dashboard(week: \"2026-W48\") { week } cases(first: 1) { edges { node { id } } } }").statusCode(200)
                .body("data.dashboard", nullValue())
                .body("data.cases.edges[0].node.id", notNullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void referralDownLeavesAnalytics() {
        allUp();
        referral.register(any(urlPathMatching("/api/v1/.*")).atPriority(1).willReturn(aResponse().withStatus(502)));
        gql(hq(), PAGE).statusCode(200)
                .body("data.dashboard.week", equalTo("2026-W48"))
                .body("data.promoters.edges", hasSize(0))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].extensions.service", equalTo("referral-service"));
    }
}
