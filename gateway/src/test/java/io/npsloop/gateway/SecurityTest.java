package io.npsloop.gateway;

import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tokens, roles and store scope: the gateway rejects before it asks a service. */
@QuarkusTest
class SecurityTest extends GatewayTestBase {

    private static final String DASHBOARD_S02 = "{ dashboard(week: \"2026-W48\", filter: {storeIds: [\"S02\"]}) { week } }";

    @Test
    void noTokenIsUnauthenticated() {
        given().contentType("application/json").body(Map.of("query", "{ regions { id } }")).post("/graphql")
                .then().statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                .body("data", nullValue());
        assertEquals(0, count(survey, ".*"));
    }

    @Test
    void expiredWrongKeyAndGarbageTokensAreUnauthenticated() {
        for (String token : new String[] {TestTokens.expired("HQ_ANALYST"), TestTokens.signedWithWrongKey("HQ_ANALYST"), "not.a.jwt"}) {
            gql(token, "{ regions { id } }").statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        }
        assertEquals(0, count(survey, ".*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVICE_ADVISOR", "STORE_MANAGER", "GENERAL_MANAGER", "REGION_MANAGER", "HQ_ANALYST"})
    void introspectionIsAllowedToAnyAuthenticatedCaller(String role) {
        gql(TestTokens.token(role, "S01"), "{ __schema { queryType { name } types { name } } }").statusCode(200)
                .body("errors", nullValue()).body("data.__schema.queryType.name", equalTo("Query"));
    }

    @Test
    void machineRolesGetNoDashboard() {
        gql(TestTokens.token("INTEGRATION"), DASHBOARD_S02).statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(0, count(analytics, ".*"));
    }

    /** Every store role: its own store resolves (forwarding its token), another store is FORBIDDEN without a call. */
    @ParameterizedTest
    @ValueSource(strings = {"SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR", "SERVICE_DIRECTOR", "GENERAL_MANAGER"})
    void storeRolesSeeTheirStoresOnly(String role) {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 70))));
        String token = TestTokens.token(role, "S01");
        gql(token, "{ dashboard(week: \"2026-W48\") { week } }").statusCode(200).body("errors", nullValue())
                .body("data.dashboard.week", equalTo("2026-W48"));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo("/api/v1/dashboard"))
                .withQueryParam("storeId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("S01"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token)));
        gql(token, DASHBOARD_S02).statusCode(200).body("data.dashboard", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        gql(token, "{ segments(dimension: STORE, from: \"2026-11-01\", to: \"2026-11-30\", filter: {storeIds: [\"S01\", \"S02\"]}) { key } }")
                .statusCode(200).body("data.segments", hasSize(0)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(1, count(analytics, ".*"));
    }

    @Test
    void advisorsSeeAggregatesButNoIndividualCasesPromotersOrPassives() {
        String advisor = TestTokens.token("SERVICE_ADVISOR", "S01");
        for (String q : new String[] {"{ cases(filter: {storeIds: [\"S01\"]}) { edges { cursor } } }",
                "{ cases(filter: {storeIds: [\"S02\"]}) { edges { cursor } } }", "{ case(id: \"C1\") { id } }",
                "{ passives { edges { cursor } } }", "{ promoters { edges { cursor } } }", "{ rewards { edges { cursor } } }",
                "{ invitations { edges { cursor } } }"}) {
            gql(advisor, q).statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        }
        assertEquals(0, count(survey, ".*") + count(referral, ".*"));
    }

    @Test
    void storeManagerAskingForAnotherStoresCasesIsForbidden() {
        gql(TestTokens.token("STORE_MANAGER", "S01"), "{ cases(filter: {storeIds: [\"S02\"]}) { edges { cursor } } }")
                .statusCode(200).body("data.cases.edges", hasSize(0)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        gql(TestTokens.token("STORE_MANAGER", "S01"), "{ promoters(storeId: \"S02\") { edges { cursor } } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(0, count(survey, ".*") + count(referral, ".*"));
    }

    @Test
    void aCaseOfAnotherStoreIsForbiddenEvenIfTheServiceAnswered() {
        survey.register(get(urlPathEqualTo("/api/v1/cases/C5")).willReturn(okJson(Fixtures.caseJson("C5", "S02", "REMEDY"))));
        gql(TestTokens.token("GENERAL_MANAGER", "S01"), "{ case(id: \"C5\") { id customer { phone } } }").statusCode(200)
                .body("data.case", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void regionManagersAreScopedByRegion() {
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1", "S09", "R2"))));
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(1, null, "S01"))));
        analytics.register(get(urlPathEqualTo("/api/v1/nps")).willReturn(okJson(Fixtures.nps(50, 200))));
        String rm = TestTokens.regionToken("REGION_MANAGER", "R1");
        gql(rm, "{ nps(from: \"2026-11-01\", to: \"2026-11-30\") { value } }").statusCode(200).body("errors", nullValue());
        analytics.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/nps"))
                .withQueryParam("regionId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("R1")));
        gql(rm, "{ nps(from: \"2026-11-01\", to: \"2026-11-30\", filter: {regionIds: [\"R2\"]}) { value } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        gql(rm, "{ cases(filter: {storeIds: [\"S01\"]}) { edges { node { id } } } }").statusCode(200).body("errors", nullValue())
                .body("data.cases.edges[0].node.id", notNullValue());
        gql(rm, "{ cases(filter: {storeIds: [\"S09\"]}) { edges { node { id } } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(1, count(survey, "/api/v1/cases"), "the forbidden case list was never asked for");
    }

    @Test
    void hqSeesEverything() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 70))));
        gql(hq(), DASHBOARD_S02).statusCode(200).body("errors", nullValue()).body("data.dashboard.week", equalTo("2026-W48"));
    }

    @Test
    void aServiceRejectingTheForwardedTokenIsReported() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)));
        gql(hq(), "{ dashboard(week: \"2026-W48\") { week } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)));
        gql(hq(), "{ dashboard(week: \"2026-W48\") { week } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }
}
