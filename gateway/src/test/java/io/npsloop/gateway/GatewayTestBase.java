package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.npsloop.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Shared plumbing: WireMock clients of the three mocked services (reset before each test) and a GraphQL caller. */
public abstract class GatewayTestBase {

    protected WireMock survey;
    protected WireMock analytics;
    protected WireMock referral;

    @BeforeEach
    void connectMocks() {
        survey = client("survey");
        analytics = client("analytics");
        referral = client("referral");
        survey.resetMappings();
        survey.resetRequests();
        analytics.resetMappings();
        analytics.resetRequests();
        referral.resetMappings();
        referral.resetRequests();
    }

    private static WireMock client(String key) {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client." + key + ".url", String.class));
        return new WireMock(uri.getHost(), uri.getPort());
    }

    protected static String hq() {
        return TestTokens.token("HQ_ANALYST");
    }

    protected static ValidatableResponse gql(String token, String query) {
        return gql(token, query, Map.of());
    }

    protected static ValidatableResponse gql(String token, String query, Map<String, Object> variables) {
        var spec = given().contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables));
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.when().post("/graphql").then().log().ifValidationFails();
    }

    protected static int count(WireMock mock, String urlPathRegex) {
        return mock.find(WireMock.anyRequestedFor(WireMock.urlPathMatching(urlPathRegex))).size();
    }
}
