package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The page, its modules, ECharts from the local jar, dev tokens, and the QR proxy. */
@QuarkusTest
class WebUiTest extends GatewayTestBase {

    @Test
    void pageAndAssetsAreServedLocally() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("本周NPS概况"))
                .body(containsString("/_static/echarts/5.6.0/dist/echarts.min.js"))
                .body(not(containsString("http://")), not(containsString("https://"))); // no external request
        given().get("/_static/echarts/5.6.0/dist/echarts.min.js").then().statusCode(200).body(containsString("echarts"));
        for (String asset : new String[] {"/app/main.js", "/app/api.js", "/app/i18n.js", "/app/style.css"}) {
            given().get(asset).then().statusCode(200).body(not(containsString("https://")));
        }
        given().get("/app/api.js").then().body(containsString("/graphql"));
    }

    @Test
    void devTokensAreSignedAndAccepted() {
        String token = given().queryParam("role", "STORE_MANAGER").queryParam("stores", "S01,S02").get("/dev/token")
                .then().statusCode(200).body("role", equalTo("STORE_MANAGER")).body("stores", hasItem("S02"))
                .extract().path("token");
        survey.register(get(urlPathEqualTo("/api/v1/regions")).willReturn(okJson("{\"items\": [], \"next\": null}")));
        gql(token, "{ regions { id } }").statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
        given().queryParam("role", "SERVICE").get("/dev/token").then().statusCode(400);
        given().queryParam("role", "HQ_ANALYST").queryParam("stores", "S01;DROP").get("/dev/token").then().statusCode(400);
        given().get("/dev/token/roles").then().statusCode(200).body("roles", hasItem("GENERAL_MANAGER"));
    }

    @Test
    void qrCodesAreProxiedFromReferralService() {
        referral.register(get(urlPathEqualTo("/api/v1/referrals/ABC123/qr.svg"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withHeader("Content-Type", "image/svg+xml")
                        .withBody("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")));
        given().get("/media/referrals/ABC123/qr.svg").then().statusCode(200).contentType(containsString("image/svg+xml"))
                .body(containsString("<svg"));
        given().get("/media/referrals/NOPE/qr.svg").then().statusCode(404);
        given().get("/media/referrals/bad%20code/qr.svg").then().statusCode(404);
        Map.of();
    }
}
