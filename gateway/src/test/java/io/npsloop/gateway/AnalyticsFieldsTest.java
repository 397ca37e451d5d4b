package io.npsloop.gateway;

import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import com.github.tomakehurst.wiremock.client.WireMock;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** dashboard, nps, segments, trend, drivers, recovery and funnels resolve through analytics-service. */
@QuarkusTest
class AnalyticsFieldsTest extends GatewayTestBase {

    @Test
    void dashboardCarriesTheTwelveMetricsWarningsAndReasonsAndForwardsTheToken() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 72.0))));
        String token = hq();
        gql(token, """
                { dashboard(week: "2026-W48", filter: {serviceTypes: [REPAIR], storeIds: ["S01"]}) {
                    week nps { value n promoters passives detractors promoterShare passiveShare detractorShare marginOfError }
                    verifiedNps { value } authenticityRate
                    overallNps { value previous delta significant } promoterShare { value delta } passiveShare { value }
                    detractorShare { value } newCustomerNps { value } oldCustomerNps { value } maintenanceNps { value }
                    repairNps { value delta } detractorGrowth { value } avgFirstContactMinutes { value }
                    recoveryRate { value } secondaryDetractorRate { value }
                    warnings { kind segment delta z } topDetractorReasons { reason count } } }""")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.dashboard.week", equalTo("2026-W48"))
                .body("data.dashboard.nps.value", is(72.0f))
                .body("data.dashboard.nps.n", is(120))
                .body("data.dashboard.verifiedNps.value", is(51.0f))
                .body("data.dashboard.overallNps.delta", is(3.0f))
                .body("data.dashboard.repairNps.delta", is(-8.0f))
                .body("data.dashboard.warnings[0].segment", equalTo("REPAIR"))
                .body("data.dashboard.topDetractorReasons.reason", contains("REPAIR_QUALITY", "WAIT_TIME"));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/dashboard"))
                .withQueryParam("week", WireMock.equalTo("2026-W48"))
                .withQueryParam("serviceType", WireMock.equalTo("REPAIR"))
                .withQueryParam("storeId", WireMock.equalTo("S01"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void npsSegmentsTrendDriversInOneQuery() {
        analytics.register(get(urlPathEqualTo("/api/v1/nps")).willReturn(okJson(Fixtures.nps(42.5, 120))));
        analytics.register(get(urlPathEqualTo("/api/v1/segments")).willReturn(okJson("""
                {"dimension": "TENURE", "segments": [{"key": "NEW", "label": "新客", "nps": %s},
                 {"key": "OLD", "label": "老客", "nps": {"suppressed": true}}]}""".formatted(Fixtures.nps(68, 40)))));
        analytics.register(get(urlPathEqualTo("/api/v1/trend")).willReturn(okJson("""
                {"granularity": "WEEK", "points": [{"period": "2026-W47", "nps": %s}, {"period": "2026-W48", "nps": %s}]}"""
                .formatted(Fixtures.nps(69, 100), Fixtures.nps(72, 120)))));
        analytics.register(get(urlPathEqualTo("/api/v1/drivers")).willReturn(okJson("""
                {"drivers": [{"rating": "care", "correlation": 0.61, "n": 80}, {"rating": "responseSpeed", "correlation": 0.4, "n": 80}]}""")));
        gql(hq(), """
                { nps(from: "2026-11-01", to: "2026-11-30") { value n suppressed }
                  segments(dimension: TENURE, from: "2026-11-01", to: "2026-11-30") { key label nps { value suppressed n } }
                  trend(from: "2026-11-01", to: "2026-11-30", granularity: WEEK) { period nps { value } }
                  drivers(from: "2026-11-01", to: "2026-11-30") { rating correlation n } }""")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.nps.value", is(42.5f))
                .body("data.segments", hasSize(2))
                .body("data.segments[1].nps.suppressed", is(true))
                .body("data.segments[1].nps.value", nullValue())
                .body("data.trend.period", contains("2026-W47", "2026-W48"))
                .body("data.drivers[0].rating", equalTo("care"));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/segments")).withQueryParam("dimension", WireMock.equalTo("TENURE"))
                .withQueryParam("from", WireMock.equalTo("2026-11-01")).withQueryParam("to", WireMock.equalTo("2026-11-30")));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/trend")).withQueryParam("granularity", WireMock.equalTo("WEEK")));
    }

    @Test
    void recoveryAndFunnels() {
        analytics.register(get(urlPathEqualTo("/api/v1/recovery")).willReturn(okJson("""
                {"avgFirstContactMinutes": 42, "recoveryRate": 67.0, "secondaryDetractorRate": 5.0,
                 "byLatency": [{"bucket": "LE_1H", "cases": 6, "recovered": 5, "rate": 83.3}]}""")));
        analytics.register(get(urlPathEqualTo("/api/v1/funnel")).willReturn(okJson("""
                {"completedOrders": 500, "invited": 480, "opened": 300, "answered": 200, "responseRate": 41.7, "coverage": 40.0}""")));
        analytics.register(get(urlPathEqualTo("/api/v1/referral-funnel")).willReturn(okJson("""
                {"clicks": 90, "uniqueVisitors": 70, "bookings": 20, "conversions": 12, "rewardsCents": 60000, "promoters": 30, "referralRate": 12.5}""")));
        gql(TestTokens.token("STORE_MANAGER", "S01"), """
                { recovery(from: "2026-11-01", to: "2026-11-30") { recoveryRate byLatency { bucket rate } }
                  responseFunnel(from: "2026-11-01", to: "2026-11-30") { answered coverage }
                  referralFunnel(from: "2026-11-01", to: "2026-11-30") { conversions referralRate } }""")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.recovery.byLatency[0].bucket", equalTo("LE_1H"))
                .body("data.responseFunnel.answered", is(200))
                .body("data.referralFunnel.conversions", is(12));
        // a store manager's filter is narrowed to the stores of the token
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/referral-funnel")).withQueryParam("storeId", WireMock.equalTo("S01")));
    }

    @Test
    void unknownDashboardWeekIsNullAndInvalidWeekIsBadUserInput() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(aResponse().withStatus(404)));
        gql(hq(), "{ dashboard(week: \"2026-W48\") { week } }").statusCode(200)
                .body("errors", nullValue()).body("data.dashboard", nullValue());
        gql(hq(), "{ dashboard(week: \"2026-48\") { week } }").statusCode(200)
                .body("data.dashboard", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.invalidParams[0].name", equalTo("week"));
    }

    @Test
    void serviceValidationErrorsBecomeBadUserInputWithInvalidParams() {
        analytics.register(get(urlPathEqualTo("/api/v1/nps")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "invalid filter",
                         "invalidParams": [{"name": "ageBand", "reason": "unknown code"}]}""")));
        gql(hq(), "{ nps(from: \"2026-11-01\", to: \"2026-11-30\", filter: {ageBands: [\"X\"]}) { value } }", Map.of())
                .statusCode(200)
                .body("data.nps", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.invalidParams[0].name", equalTo("ageBand"))
                .body("errors[0].message", equalTo("invalid filter"));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/nps"))); // a 4xx is never retried
    }

    @Test
    void periodsAreValidated() {
        gql(hq(), "{ nps(from: \"2026-11-30\", to: \"2026-11-01\") { value } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        gql(hq(), "{ segments(dimension: STORE, from: \"2026-11-30\", to: \"2026-11-01\") { key } }").statusCode(200)
                .body("data.segments", hasSize(0))
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        org.junit.jupiter.api.Assertions.assertEquals(0, count(analytics, ".*"));
    }
}
