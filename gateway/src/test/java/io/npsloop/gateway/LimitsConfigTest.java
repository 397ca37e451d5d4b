package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits come from npsloop.graphql.max-depth / max-complexity: lowered here, a query that passes by default fails. */
@QuarkusTest
@TestProfile(LimitsConfigTest.Tight.class)
class LimitsConfigTest extends GatewayTestBase {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("npsloop.graphql.max-depth", "3", "npsloop.graphql.max-complexity", "10");
        }
    }

    @Test
    void configuredDepthAndComplexityApply() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 72))));
        gql(hq(), "{ dashboard(week: \"2026-W48\") { week nps { value } } }").statusCode(200)
                .body("errors", nullValue()).body("data.dashboard.nps.value", equalTo(72.0f));
        // 4 levels: over the configured 3
        gql(hq(), "{ cases { edges { node { store { id } } } } }").statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("depth"))
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
        // 3 levels but 12 fields: over the configured complexity of 10
        gql(hq(), "{ a: dashboard(week: \"2026-W48\") { week nps { value n } } b: dashboard(week: \"2026-W48\") { week "
                + "nps { value n } } c: dashboard(week: \"2026-W48\") { week nps { value n } } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
        assertEquals(0, count(survey, ".*"));
        assertEquals(1, count(analytics, ".*"), "only the first, small query reached analytics");
    }
}
