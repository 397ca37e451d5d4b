package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** promoters (funnel and store batched), rewards and their decisions, invitations, passives, stores, regions. */
@QuarkusTest
class ReferralFieldsTest extends GatewayTestBase {

    @Test
    void promotersFunnelsAndStoresAreBatched() {
        List<String> items = new ArrayList<>();
        List<String> funnels = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(Fixtures.promoter("P" + i, i % 2 == 0 ? "S01" : "S02", i < 10)); // the first ten carry their funnel
            if (i >= 10) {
                funnels.add(Fixtures.funnel("P" + i, 100 + i));
            }
        }
        referral.register(get(urlPathEqualTo("/api/v1/promoters")).willReturn(okJson(Fixtures.page(items, null))));
        referral.register(get(urlPathEqualTo("/api/v1/funnels")).willReturn(okJson(Fixtures.page(funnels, null))));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1", "S02", "R1"))));
        gql(hq(), "{ promoters(first: 50) { edges { node { code displayName shareUrl qrSvgUrl qrPngUrl posterUrl "
                + "funnel { clicks bookings conversions rewardsCents } store { name } } } } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.promoters.edges", hasSize(50))
                .body("data.promoters.edges[0].node.funnel.clicks", is(9))
                .body("data.promoters.edges[12].node.funnel.clicks", is(112))
                .body("data.promoters.edges[49].node.funnel.clicks", is(149))
                .body("data.promoters.edges[49].node.store.name", equalTo("门店S02"));
        assertEquals(1, count(referral, "/api/v1/promoters"));
        assertEquals(1, count(referral, "/api/v1/funnels"));
        assertEquals(1, count(survey, "/api/v1/stores"));
        List<String> codes = referral.find(getRequestedFor(urlPathEqualTo("/api/v1/funnels"))).get(0).getQueryParams().get("code").values();
        assertEquals(40, codes.size(), "only the funnels the list did not carry");
        assertEquals("P10", codes.get(0));
    }

    @Test
    void promotersOfAStoreManagerAreHisStores() {
        referral.register(get(urlPathEqualTo("/api/v1/promoters")).willReturn(okJson(Fixtures.page(List.of(Fixtures.promoter("P1", "S01", true)), null))));
        gql(TestTokens.token("STORE_MANAGER", "S01"), "{ promoters { edges { node { code funnel { clicks } } } } }")
                .statusCode(200).body("errors", nullValue()).body("data.promoters.edges[0].node.funnel.clicks", is(9));
        // no store asked: the service scopes the list by the forwarded token (its storeId takes a single store)
        referral.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/promoters")).withQueryParam("storeId", WireMock.absent()));
        gql(TestTokens.token("STORE_MANAGER", "S01", "S02"), "{ promoters(storeId: \"S02\") { edges { node { code } } } }").statusCode(200);
        referral.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/promoters")).withQueryParam("storeId", WireMock.equalTo("S02")));
        assertEquals(0, count(referral, "/api/v1/funnels"), "embedded funnels need no call");
    }

    @Test
    void rewardsAndDecisions() {
        referral.register(get(urlPathEqualTo("/api/v1/rewards")).willReturn(okJson(Fixtures.page(
                List.of(Fixtures.reward("W1", "S01", "PENDING"), Fixtures.reward("W2", "S01", "APPROVED")), null))));
        referral.register(post(urlPathEqualTo("/api/v1/rewards/W1/approve")).willReturn(okJson(Fixtures.reward("W1", "S01", "APPROVED"))));
        referral.register(post(urlPathEqualTo("/api/v1/rewards/W1/reject")).willReturn(okJson(Fixtures.reward("W1", "S01", "REJECTED"))));
        referral.register(post(urlPathEqualTo("/api/v1/rewards/W2/issue")).willReturn(okJson(Fixtures.reward("W2", "S01", "ISSUED"))));
        String sm = TestTokens.token("STORE_MANAGER", "S01");
        gql(sm, "{ rewards(status: PENDING) { edges { node { id status amountCents } } } }").statusCode(200)
                .body("errors", nullValue()).body("data.rewards.edges", hasSize(2));
        referral.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/rewards")).withQueryParam("status", WireMock.equalTo("PENDING")));
        gql(sm, "mutation { approveReward(id: \"W1\") { status } }").statusCode(200).body("data.approveReward.status", equalTo("APPROVED"));
        gql(sm, "mutation { rejectReward(id: \"W1\", reason: \"self-referral\") { status } }").statusCode(200)
                .body("data.rejectReward.status", equalTo("REJECTED"));
        gql(sm, "mutation { issueReward(id: \"W2\") { status } }").statusCode(200).body("data.issueReward.status", equalTo("ISSUED"));
        referral.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/rewards/W1/reject")).withRequestBody(equalToJson("{\"reason\": \"self-referral\"}")));
        gql(TestTokens.token("SERVICE_ADVISOR", "S01"), "mutation { approveReward(id: \"W1\") { status } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void invitationsPassivesStoresRegions() {
        survey.register(get(urlPathEqualTo("/api/v1/invitations")).willReturn(okJson(Fixtures.page(List.of("""
                {"id": "I1", "storeId": "S01", "orderId": "O1", "status": "ANSWERED", "createdAt": "2026-11-20T10:00:00+08:00"}"""), null))));
        survey.register(get(urlPathEqualTo("/api/v1/passives")).willReturn(okJson(Fixtures.page(List.of("""
                {"id": "V1", "storeId": "S01", "score": 8, "type": "RATIONAL", "status": "OPEN", "suggestion": "车辆健康报告"}"""), null))));
        survey.register(post(urlPathEqualTo("/api/v1/passives/V1/done")).willReturn(okJson("""
                {"id": "V1", "storeId": "S01", "score": 8, "type": "RATIONAL", "status": "DONE"}""")));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1", "S02", "R1"))));
        survey.register(get(urlPathEqualTo("/api/v1/regions")).willReturn(okJson("{\"items\": [{\"id\": \"R1\", \"name\": \"华东\"}], \"next\": null}")));
        String sm = TestTokens.token("STORE_MANAGER", "S01");
        gql(sm, "{ invitations { edges { node { id status store { name } } } } passives(type: \"RATIONAL\") { edges { node { id suggestion } } } "
                + "stores { id } regions { id name } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.invitations.edges[0].node.store.name", equalTo("门店S01"))
                .body("data.passives.edges[0].node.suggestion", equalTo("车辆健康报告"))
                .body("data.stores.id", org.hamcrest.Matchers.contains("S01")) // only the token's stores
                .body("data.regions[0].name", equalTo("华东"));
        gql(sm, "mutation { markPassiveDone(id: \"V1\", note: \"sent health report\") { status } }").statusCode(200)
                .body("data.markPassiveDone.status", equalTo("DONE"));
        survey.verifyThat(postRequestedFor(urlPathEqualTo("/api/v1/passives/V1/done")).withRequestBody(equalToJson("{\"note\": \"sent health report\"}")));
        survey.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/passives")).withQueryParam("type", WireMock.equalTo("RATIONAL")));
    }
}
