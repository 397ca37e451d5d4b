package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every connection's totalCount is the service list's {@code total} (the whole filtered list, not the page), and null
 * when the service does not send one: never the page size passed off as a total.
 */
@QuarkusTest
class TotalCountTest extends GatewayTestBase {

    /** A service page of {@code items} plus a {@code total} member. */
    private static String withTotal(String page, int total) {
        return page.substring(0, page.lastIndexOf('}')) + ", \"total\": " + total + "}";
    }

    @Test
    void totalCountIsTheServiceTotalOfEveryConnection() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(withTotal(Fixtures.casePage(2, "n2", "S01"), 137))));
        survey.register(get(urlPathEqualTo("/api/v1/passives")).willReturn(okJson(withTotal(Fixtures.page(List.of(
                "{\"id\": \"P1\", \"storeId\": \"S01\", \"score\": 7, \"type\": \"RATIONAL\", \"status\": \"OPEN\"}"), null), 1))));
        survey.register(get(urlPathEqualTo("/api/v1/invitations")).willReturn(okJson(withTotal(Fixtures.page(List.of(
                "{\"id\": \"I1\", \"storeId\": \"S01\", \"orderId\": \"O1\", \"status\": \"SENT\"}"), "i1"), 4021))));
        referral.register(get(urlPathEqualTo("/api/v1/promoters")).willReturn(okJson(withTotal(Fixtures.page(
                List.of(Fixtures.promoter("P1", "S01", true)), null), 1))));
        referral.register(get(urlPathEqualTo("/api/v1/rewards")).willReturn(okJson(withTotal(Fixtures.page(
                List.of(Fixtures.reward("R1", "S01", "PENDING")), "r1"), 55))));
        gql(hq(), "{ cases(first: 1) { totalCount edges { node { id } } } passives { totalCount } invitations { totalCount } "
                + "promoters { totalCount } rewards { totalCount } }").statusCode(200)
                .body("errors", nullValue())
                .body("data.cases.edges", hasSize(1))
                .body("data.cases.totalCount", is(137))
                .body("data.passives.totalCount", is(1))
                .body("data.invitations.totalCount", is(4021))
                .body("data.promoters.totalCount", is(1))
                .body("data.rewards.totalCount", is(55));
    }

    @Test
    void noTotalFromTheServiceIsNullNotThePageSize() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(okJson(Fixtures.casePage(3, "n3", "S01"))));
        gql(hq(), "{ cases(first: 3) { totalCount edges { node { id } } } }").statusCode(200)
                .body("errors", nullValue())
                .body("data.cases.edges", hasSize(3))
                .body("data.cases.totalCount", nullValue());
    }

    @Test
    void aFailedServiceLeavesAnEmptyConnectionWithoutTotal() {
        survey.register(get(urlPathEqualTo("/api/v1/cases")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(500)));
        gql(hq(), "{ cases { totalCount edges { node { id } } } }").statusCode(200)
                .body("data.cases.edges", hasSize(0))
                .body("data.cases.totalCount", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
    }
}
