package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * cache/ResponseCache: a remembered answer goes only to the same caller with the same operation, and only after
 * analytics-service confirmed with 304 that the dashboard it was built from is unchanged; anything else runs.
 */
@QuarkusTest
class ResponseCacheTest extends GatewayTestBase {

    private static final String DASHBOARD = "/api/v1/dashboard";

    private static String query(String week) {
        return "{ dashboard(week: \"" + week + "\") { week nps { value n } overallNps { value previous delta }"
                + " warnings { kind segment } topDetractorReasons { reason count } } }";
    }

    /** analytics answers the dashboard with {@code tag}; a request naming {@code tag} gets {@code conditional}. */
    private void analyticsAnswers(String week, double nps, String tag, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder conditional) {
        analytics.register(get(urlPathEqualTo(DASHBOARD)).atPriority(5)
                .willReturn(okJson(Fixtures.dashboard(week, nps)).withHeader("ETag", tag)));
        analytics.register(get(urlPathEqualTo(DASHBOARD)).atPriority(1)
                .withHeader("If-None-Match", WireMock.equalTo(tag)).willReturn(conditional));
    }

    private int plainCalls() {
        return analytics.find(getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("If-None-Match", absent())).size();
    }

    private int conditionalCalls(String tag) {
        return analytics.find(getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("If-None-Match", WireMock.equalTo(tag))).size();
    }

    @Test
    void theSameCallerAndOperationGetTheRememberedAnswerAfterA304() {
        analyticsAnswers("2031-W01", 72.0, "\"t1\"", aResponse().withStatus(304).withHeader("ETag", "\"t1\""));
        String token = hq();
        Map<String, Object> first = gql(token, query("2031-W01")).statusCode(200).body("errors", nullValue())
                .extract().jsonPath().getMap("$");
        Map<String, Object> second = gql(token, query("2031-W01")).statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("application/"))
                .extract().jsonPath().getMap("$");
        assertEquals(first, second);
        assertEquals(72.0f, ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) second.get("data")).get("dashboard")).get("nps")).get("value"));
        assertEquals(1, plainCalls(), "the answer is computed once");
        assertEquals(1, conditionalCalls("\"t1\""), "and revalidated once");
        // the token is forwarded on the revalidation too
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("If-None-Match", WireMock.equalTo("\"t1\""))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + token)));
    }

    @Test
    void aChangedDashboardIsComputedAgain() {
        String token = hq();
        analyticsAnswers("2031-W02", 72.0, "\"t1\"", aResponse().withStatus(304));
        gql(token, query("2031-W02")).statusCode(200).body("data.dashboard.nps.value", is(72.0f));
        analytics.resetMappings();
        // the data changed: the old tag gets the new dashboard (200), as does a plain request
        analytics.register(get(urlPathEqualTo(DASHBOARD))
                .willReturn(okJson(Fixtures.dashboard("2031-W02", 60.0)).withHeader("ETag", "\"t2\"")));
        gql(token, query("2031-W02")).statusCode(200).body("data.dashboard.nps.value", is(60.0f));
        analytics.resetRequests();
        analyticsAnswers("2031-W02", 60.0, "\"t2\"", aResponse().withStatus(304));
        gql(token, query("2031-W02")).statusCode(200).body("data.dashboard.nps.value", is(60.0f));
        assertEquals(0, plainCalls());
        assertEquals(1, conditionalCalls("\"t2\""));
    }

    @Test
    void anotherCallerIsNeverGivenSomeoneElsesAnswer() {
        analyticsAnswers("2031-W03", 72.0, "\"t1\"", aResponse().withStatus(304));
        gql(hq(), query("2031-W03")).statusCode(200);
        String manager = TestTokens.token("STORE_MANAGER", "S01");
        gql(manager, query("2031-W03")).statusCode(200);
        assertEquals(2, plainCalls());
        assertEquals(0, conditionalCalls("\"t1\""));
        analytics.verifyThat(1, getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("Authorization",
                WireMock.equalTo("Bearer " + manager)));
    }

    @Test
    void untaggedAnswersOtherRootFieldsAndErrorsAreNotRemembered() {
        String token = hq();
        analytics.register(get(urlPathEqualTo(DASHBOARD)).willReturn(okJson(Fixtures.dashboard("2031-W04", 72.0))));
        gql(token, query("2031-W04")).statusCode(200);
        gql(token, query("2031-W04")).statusCode(200);
        assertEquals(2, plainCalls(), "no entity tag: computed every time");

        analytics.resetMappings();
        analytics.resetRequests();
        analyticsAnswers("2031-W05", 72.0, "\"t1\"", aResponse().withStatus(304));
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson("[]")));
        String both = "{ dashboard(week: \"2031-W05\") { week } stores { id } }";
        gql(token, both).statusCode(200);
        gql(token, both).statusCode(200);
        assertEquals(2, plainCalls(), "a root field outside the remembered ones: computed every time");

        String withError = "{ dashboard(week: \"2031-W05\") { week } bad: dashboard(week: \"nonsense\") { week } }";
        gql(token, withError).statusCode(200).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        gql(token, withError).statusCode(200).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"));
        assertEquals(4, plainCalls(), "an answer with an error: computed every time");
        assertEquals(0, conditionalCalls("\"t1\""));
    }

    @Test
    void aFailedRevalidationRunsTheOperationAndReportsWhatItFinds() {
        String token = hq();
        analyticsAnswers("2031-W06", 72.0, "\"t1\"", aResponse().withStatus(304));
        gql(token, query("2031-W06")).statusCode(200);
        analytics.resetMappings();
        analytics.register(get(urlPathEqualTo(DASHBOARD)).willReturn(aResponse().withStatus(503)));
        gql(token, query("2031-W06")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("data.dashboard", nullValue());
    }
}
