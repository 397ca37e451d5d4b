package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The case board: paging, batching of Case.store, case(id), and every SOP step. */
@QuarkusTest
class CaseBoardTest extends GatewayTestBase {

    @Test
    void aPageOfHundredCasesWithTheirStoresCostsOneCallEach() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(100, "n1", "S01", "S02", "S03"))));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1", "S02", "R1", "S03", "R2"))));
        gql(hq(), "{ cases(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id storeId stage "
                + "store { id name regionId } } } } }")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.cases.edges", hasSize(100))
                .body("data.cases.edges.node.store", everyItem(notNullValue()))
                .body("data.cases.edges[1].node.store.id", equalTo("S02"))
                .body("data.cases.edges[2].node.store.regionId", equalTo("R2"))
                .body("data.cases.pageInfo.hasNextPage", is(true));
        assertEquals(1, count(survey, "/api/v1/cases"));
        assertEquals(1, count(survey, "/api/v1/stores"));
        // the distinct store ids, once each
        List<String> ids = survey.find(getRequestedFor(urlPathEqualTo("/api/v1/stores"))).get(0).getQueryParams().get("ids").values();
        assertEquals(List.of("S01", "S02", "S03"), ids);
        survey.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/cases")).withQueryParam("limit", WireMock.equalTo("100")));
    }

    @Test
    void cursorsPageThroughTheServiceList() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).withQueryParam("after", WireMock.absent())
                .willReturn(okJson(Fixtures.casePage(3, "svc-3", "S01"))));
        var first = gql(hq(), "{ cases(first: 2) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }")
                .statusCode(200).body("data.cases.edges.node.id", org.hamcrest.Matchers.contains("C0", "C1"))
                .body("data.cases.pageInfo.hasNextPage", is(true)).extract().jsonPath();
        String end = first.getString("data.cases.pageInfo.endCursor");
        // after the 2nd item of the service page: ask again from the start of that page and skip 2
        gql(hq(), "query($a: String) { cases(first: 2, after: $a) { edges { node { id } } } }", java.util.Map.of("a", end))
                .statusCode(200).body("data.cases.edges.node.id", org.hamcrest.Matchers.contains("C2"));
        survey.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/cases")).withQueryParam("limit", WireMock.equalTo("4")));
        gql(hq(), "{ cases(after: \"nonsense\") { edges { cursor } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("data.cases.edges", hasSize(0));
        gql(hq(), "{ cases(first: 101) { edges { cursor } } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.invalidParams[0].name", equalTo("first"));
    }

    @Test
    void filtersAreForwarded() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(1, null, "S01"))));
        gql(TestTokens.token("STORE_MANAGER", "S01"), "{ cases(filter: {statuses: [OPEN], stages: [REMEDY, ANALYSIS], overdue: true, "
                + "from: \"2026-11-01\", to: \"2026-11-30\"}) { edges { node { id customer { name phone } } } } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.cases.edges[0].node.customer.name", equalTo("王先生"));
        survey.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/cases"))
                .withQueryParam("storeId", WireMock.absent()).withQueryParam("status", WireMock.equalTo("OPEN"))
                .withQueryParam("stage", WireMock.havingExactly("REMEDY", "ANALYSIS"))
                .withQueryParam("overdue", WireMock.equalTo("true")).withQueryParam("from", WireMock.equalTo("2026-11-01")));
    }

    @Test
    void caseByIdAndMissingCase() {
        survey.register(get(urlPathEqualTo("/api/v1/cases/C7")).willReturn(okJson(Fixtures.caseJson("C7", "S01", "ANALYSIS"))));
        survey.register(get(urlPathEqualTo("/api/v1/cases/C8")).willReturn(aResponse().withStatus(404)));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1"))));
        gql(TestTokens.token("GENERAL_MANAGER", "S01"), "{ a: case(id: \"C7\") { id stage openedAt dueAt store { name } } b: case(id: \"C8\") { id } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.a.stage", equalTo("ANALYSIS"))
                .body("data.a.openedAt", equalTo("2026-11-23T10:00:00+08:00"))
                .body("data.a.store.name", equalTo("门店S01"))
                .body("data.b", nullValue());
    }

    @Test
    void everySopStepPostsToItsAction() {
        survey.register(get(urlPathEqualTo("/api/v1/cases/C1")).willReturn(okJson(Fixtures.caseJson("C1", "S01", "FIRST_CONTACT"))));
        survey.register(post(urlPathMatching("/api/v1/cases/C1/.*")).willReturn(okJson(Fixtures.caseJson("C1", "S01", "ANALYSIS"))));
        String gm = TestTokens.token("GENERAL_MANAGER", "S01");
        gql(gm, "mutation { recordFirstContact(caseId: \"C1\", input: {note: \"listened\", reached: true}) { id stage } }")
                .statusCode(200).body("errors", nullValue()).body("data.recordFirstContact.stage", equalTo("ANALYSIS"));
        gql(gm, "mutation { classifyCase(caseId: \"C1\", input: {category: TECHNICAL, scope: ONE, plan: \"redo\", reasons: [\"REPAIR_QUALITY\"]}) { id } }")
                .statusCode(200).body("errors", nullValue());
        gql(gm, "mutation { recordRemedy(caseId: \"C1\", input: {actions: \"apology, free redo\", compensationCents: 20000}) { id } }")
                .statusCode(200).body("errors", nullValue());
        gql(gm, "mutation { recordGmFollowUp(caseId: \"C1\", input: {note: \"called\", satisfied: true}) { id } }")
                .statusCode(200).body("errors", nullValue());
        gql(gm, "mutation { closeCase(caseId: \"C1\", input: {outcome: RECOVERED}) { id } }")
                .statusCode(200).body("errors", nullValue());
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/first-contact"))
                .withRequestBody(equalToJson("{\"notes\": \"listened\", \"reached\": true}")));
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/classification"))
                .withRequestBody(equalToJson("{\"problemType\": \"TECHNICAL\", \"scope\": \"INDIVIDUAL\", \"plan\": \"redo\", \"reasons\": [\"REPAIR_QUALITY\"]}")));
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/remedy"))
                .withRequestBody(equalToJson("{\"apology\": \"apology, free redo\", \"compensationCents\": 20000}")));
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/gm-follow-up"))
                .withRequestBody(equalToJson("{\"notes\": \"called\", \"satisfied\": true}")));
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/close"))
                .withRequestBody(equalToJson("{\"outcome\": \"RECOVERED\"}")));
    }

    @Test
    void stepsAreCheckedBeforeTheyAreSent() {
        survey.register(get(urlPathEqualTo("/api/v1/cases/C1")).willReturn(okJson(Fixtures.caseJson("C1", "S01", "REMEDY"))));
        survey.register(get(urlPathEqualTo("/api/v1/cases/C9")).willReturn(aResponse().withStatus(404)));
        survey.register(post(urlPathMatching("/api/v1/cases/C1/.*")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 409, \"detail\": \"case is at REMEDY\"}")));
        // the GM follow-up is the general manager's
        gql(TestTokens.token("STORE_MANAGER", "S01"), "mutation { recordGmFollowUp(caseId: \"C1\", input: {note: \"x\"}) { id } }")
                .statusCode(200).body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        // a case of another store
        gql(TestTokens.token("GENERAL_MANAGER", "S02"), "mutation { recordFirstContact(caseId: \"C1\", input: {note: \"x\"}) { id } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        // an analyst does not work cases
        gql(hq(), "mutation { closeCase(caseId: \"C1\", input: {outcome: RECOVERED}) { id } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        // abandoning needs a reason
        gql(TestTokens.token("STORE_MANAGER", "S01"), "mutation { closeCase(caseId: \"C1\", input: {outcome: ABANDONED}) { id } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        // unknown case
        gql(TestTokens.token("STORE_MANAGER", "S01"), "mutation { recordFirstContact(caseId: \"C9\", input: {note: \"x\"}) { id } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        // out of order: the service's 409
        gql(TestTokens.token("STORE_MANAGER", "S01"), "mutation { recordFirstContact(caseId: \"C1\", input: {note: \"x\"}) { id } }")
                .statusCode(200).body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].message", equalTo("case is at REMEDY"));
        assertEquals(1, survey.find(postRequestedFor(urlPathMatching("/api/v1/cases/.*"))).size(), "a write is never retried");
    }
}
