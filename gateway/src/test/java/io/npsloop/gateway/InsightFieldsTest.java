package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** topics, initiatives, initiative(id) and Initiative.effect over analytics-service (issue 12 item 5). */
@QuarkusTest
class InsightFieldsTest extends GatewayTestBase {

    private static final String TOPICS = """
            {"responses": 400, "nps": 31.5, "topics": [
              {"topic": "WAIT_TIME", "mentions": 140, "promoters": 20, "passives": 30, "detractors": 90, "npsWith": -50.0,
               "npsWithout": 40.2, "impact": -8.7, "weightedImpact": -2.4, "z": -6.1, "significant": true, "keywords": ["等太久", "排队"], "suppressed": false},
              {"topic": "PRICE", "mentions": null, "promoters": null, "passives": null, "detractors": null, "npsWith": null,
               "npsWithout": null, "impact": null, "z": null, "significant": null, "keywords": [], "suppressed": true}]}""";

    private static String initiative(String id, String category, String end) {
        return """
                {"id": "%s", "name": "免费洗车 %s", "category": "%s", "storeIds": ["S01", "S02"], "startDate": "2026-09-01",
                 "endDate": %s, "costCents": 18000000, "createdBy": "hq", "createdAt": "2026-08-30T10:00:00+08:00"}"""
                .formatted(id, id, category, end == null ? "null" : "\"" + end + "\"");
    }

    /** A ranking line; {@code costName} is the member's spelling (analytics is renaming costPerPointCents → costPerPoint). */
    private static String ranked(String id, String costName, Long cost, Boolean held) {
        return """
                {"initiative": %s, "lift": 12.4, "intervalLow": 5.1, "intervalHigh": 19.7, "significant": true,
                 "%s": %s, "costPerPointReason": %s, "liftHeld": %s}""".formatted(initiative(id, "BASIC_SERVICE", null),
                costName, cost, cost == null ? "\"LIFT_NOT_SIGNIFICANT\"" : "null", held);
    }

    private static String effect(String id) {
        String window = """
                {"from": "%s", "to": "%s", "complete": true, "treated": %s, "control": %s}""";
        return """
                {"initiative": %s, "windowDays": 28, "controlStores": 10,
                 "before": %s, "after": %s, "afterEnd": %s,
                 "lift": 12.4, "standardError": 3.7, "intervalLow": 5.1, "intervalHigh": 19.7, "z": 3.35, "significant": true,
                 "costPerPointCents": 1451613, "costPerPointReason": null, "liftAfterEnd": -4.0, "liftAfterEndIntervalLow": -9.0,
                 "liftAfterEndIntervalHigh": 1.0, "fallBack": -16.4, "fallBackZ": -3.1, "liftHeld": false}"""
                .formatted(initiative(id, "INCENTIVE", "2026-10-01"),
                        window.formatted("2026-08-04", "2026-08-31", Fixtures.nps(40, 300), Fixtures.nps(41, 900)),
                        window.formatted("2026-09-01", "2026-09-28", Fixtures.nps(55, 310), Fixtures.nps(43.6, 880)),
                        window.formatted("2026-10-02", "2026-10-29", Fixtures.nps(36, 290), Fixtures.nps(41, 870)));
    }

    @Test
    void topicsWithMentionsByGroupAndImpact() {
        analytics.register(get(urlPathEqualTo("/api/v1/topics")).willReturn(okJson(TOPICS)));
        gql(TestTokens.token("STORE_MANAGER", "S01"), """
                { topics(from: "2026-09-01", to: "2026-11-30", filter: {serviceTypes: [REPAIR]}) {
                    topic mentions promoters passives detractors npsWith npsWithout impact weightedImpact z significant keywords suppressed } }""")
                .statusCode(200).body("errors", nullValue())
                .body("data.topics", hasSize(2))
                .body("data.topics[0].topic", equalTo("WAIT_TIME"))
                .body("data.topics[0].mentions", is(140))
                .body("data.topics[0].detractors", is(90))
                .body("data.topics[0].impact", is(-8.7f))
                .body("data.topics[0].weightedImpact", is(-2.4f))
                .body("data.topics[0].keywords", contains("等太久", "排队"))
                .body("data.topics[1].suppressed", is(true))
                .body("data.topics[1].mentions", nullValue());
        // a store role's filter is narrowed to its stores before analytics is asked
        analytics.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/topics")).withQueryParam("storeId", WireMock.equalTo("S01"))
                .withQueryParam("serviceType", WireMock.equalTo("REPAIR")).withQueryParam("from", WireMock.equalTo("2026-09-01")));
    }

    @Test
    void topicsFailureIsAnEmptyListWithACode() {
        analytics.register(get(urlPathEqualTo("/api/v1/topics")).willReturn(aResponse().withStatus(500)));
        gql(hq(), "{ topics(from: \"2026-09-01\", to: \"2026-11-30\") { topic } }").statusCode(200)
                .body("data.topics", hasSize(0))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].extensions.service", equalTo("analytics-service"));
        gql(hq(), "{ topics(from: \"2026-11-30\", to: \"2026-09-01\") { topic } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
    }

    @Test
    void initiativesRankingReadsEitherSpellingOfCostPerPoint() {
        analytics.register(get(urlPathEqualTo("/api/v1/initiatives")).willReturn(okJson(Fixtures.page(java.util.List.of(
                ranked("11111111-1111-1111-1111-111111111111", "costPerPoint", 1451613L, null),
                ranked("22222222-2222-2222-2222-222222222222", "costPerPointCents", 2000000L, true),
                ranked("33333333-3333-3333-3333-333333333333", "costPerPoint", null, false)), null))));
        gql(hq(), """
                { initiatives(category: BASIC_SERVICE) { initiative { id name category storeIds startDate endDate costCents createdAt }
                    lift intervalLow intervalHigh significant costPerPoint costPerPointReason liftHeld } }""")
                .statusCode(200).body("errors", nullValue())
                .body("data.initiatives", hasSize(3))
                .body("data.initiatives[0].initiative.category", equalTo("BASIC_SERVICE"))
                .body("data.initiatives[0].initiative.storeIds", contains("S01", "S02"))
                .body("data.initiatives[0].initiative.costCents", is(18000000))
                .body("data.initiatives[0].initiative.createdAt", equalTo("2026-08-30T10:00:00+08:00"))
                .body("data.initiatives[0].costPerPoint", is(1451613))
                .body("data.initiatives[1].costPerPoint", is(2000000))
                .body("data.initiatives[1].liftHeld", is(true))
                .body("data.initiatives[2].costPerPoint", nullValue())
                .body("data.initiatives[2].costPerPointReason", equalTo("LIFT_NOT_SIGNIFICANT"));
        analytics.verifyThat(getRequestedFor(urlPathEqualTo("/api/v1/initiatives")).withQueryParam("category", WireMock.equalTo("BASIC_SERVICE")));
        assertEquals(0, count(analytics, "/api/v1/initiatives/.*/effect"), "the ranking needs no effect call");
    }

    @Test
    void initiativeWithItsEffect() {
        String id = "44444444-4444-4444-4444-444444444444";
        analytics.register(get(urlPathEqualTo("/api/v1/initiatives/" + id)).willReturn(okJson(initiative(id, "INCENTIVE", "2026-10-01"))));
        analytics.register(get(urlPathEqualTo("/api/v1/initiatives/" + id + "/effect")).willReturn(okJson(effect(id))));
        gql(hq(), "{ initiative(id: \"" + id + "\") { id name category endDate effect { windowDays controlStores "
                + "before { from to complete treated { value n } control { value } } after { treated { value } } "
                + "afterEnd { treated { value } } lift intervalLow intervalHigh significant costPerPoint costPerPointReason "
                + "liftAfterEnd fallBack liftHeld } } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.initiative.category", equalTo("INCENTIVE"))
                .body("data.initiative.endDate", equalTo("2026-10-01"))
                .body("data.initiative.effect.before.from", equalTo("2026-08-04"))
                .body("data.initiative.effect.before.treated.n", is(300))
                .body("data.initiative.effect.after.treated.value", is(55.0f))
                .body("data.initiative.effect.lift", is(12.4f))
                .body("data.initiative.effect.costPerPoint", is(1451613))
                .body("data.initiative.effect.liftHeld", is(false))
                .body("data.initiative.effect.fallBack", is(-16.4f));
    }

    @Test
    void effectsOfAListAreFetchedOncePerInitiative() {
        String a = "55555555-5555-5555-5555-555555555555";
        String b = "66666666-6666-6666-6666-666666666666";
        analytics.register(get(urlPathEqualTo("/api/v1/initiatives")).willReturn(okJson(Fixtures.page(java.util.List.of(
                ranked(a, "costPerPoint", 1L, null), ranked(b, "costPerPoint", 2L, null)), null))));
        analytics.register(get(urlPathMatching("/api/v1/initiatives/.*/effect")).willReturn(okJson(effect(a))));
        gql(hq(), "{ initiatives { initiative { id effect { lift liftHeld } } } }").statusCode(200)
                .body("errors", nullValue())
                .body("data.initiatives.initiative.effect.lift", contains(12.4f, 12.4f));
        assertEquals(1, count(analytics, "/api/v1/initiatives/" + a + "/effect"));
        assertEquals(1, count(analytics, "/api/v1/initiatives/" + b + "/effect"));
    }

    @Test
    void unknownInitiativeIsNullAndScopeIsChecked() {
        analytics.register(get(urlPathMatching("/api/v1/initiatives/.*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 404, \"title\": \"Not Found\"}")));
        gql(hq(), "{ initiative(id: \"77777777-7777-7777-7777-777777777777\") { id } }").statusCode(200)
                .body("errors", nullValue()).body("data.initiative", nullValue());
        gql(TestTokens.token("STORE_MANAGER", "S01"), "{ initiatives(storeIds: [\"S02\"]) { lift } }").statusCode(200)
                .body("data.initiatives", hasSize(0))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        gql(TestTokens.token("INTEGRATION"), "{ topics(from: \"2026-09-01\", to: \"2026-09-30\") { topic } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(0, count(analytics, "/api/v1/initiatives") + count(analytics, "/api/v1/topics"));
    }
}
