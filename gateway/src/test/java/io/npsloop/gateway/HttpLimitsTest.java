package io.npsloop.gateway;

import io.npsloop.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP layer turns away before GraphQL runs is answered as a GraphQL errors document with a code on
 * {@code /graphql} and problem+json elsewhere (reliability/FINDINGS.md F5, F7).
 */
@QuarkusTest
class HttpLimitsTest extends GatewayTestBase {

    @TestHTTPResource("/")
    URL base;

    /** The fuzzer's document: over the 256 KB body limit. */
    @Test
    void aDocumentOverTheBodyLimitIs413WithAGraphqlError() {
        String huge = "{ regions { id " + "name ".repeat(60_000) + "} }";
        gql(hq(), huge).statusCode(413).contentType(startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("REQUEST_TOO_LARGE"))
                .header("Connection", "close");
        assertEquals(0, count(survey, ".*"));
    }

    @Test
    void anEmptyBodyIs400WithAGraphqlError() {
        given().header("Authorization", "Bearer " + hq()).contentType(ContentType.JSON).post("/graphql")
                .then().statusCode(400).contentType(startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        given().header("Authorization", "Bearer " + hq()).contentType(ContentType.JSON).body("{\"variables\": {}}")
                .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        // an anonymous caller is told about the token first, before its body is looked at
        given().contentType(ContentType.JSON).post("/graphql").then().statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aUriOrHeadersOverTheLimitsAreGraphqlErrorsOnGraphqlAndProblemJsonElsewhere() {
        given().header("Authorization", "Bearer " + hq()).contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql?x=" + "B".repeat(10_000))
                .then().statusCode(414).body("errors[0].extensions.code", equalTo("REQUEST_TOO_LARGE"));
        given().header("Authorization", "Bearer " + hq()).header("X-Filler", "h".repeat(30_000)).contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql")
                .then().statusCode(431).body("errors[0].extensions.code", equalTo("REQUEST_TOO_LARGE"));
        given().get("/media/referrals/" + "A".repeat(20_000) + "/qr.svg")
                .then().statusCode(414).contentType("application/problem+json").body("status", is(414));
    }

    /** The announced size is enough: nothing of the body is read, and the connection is closed after the answer. */
    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithoutReadingIt() throws Exception {
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + hq() + "\r\nContent-Type: application/json\r\nContent-Length: 1000030",
                new byte[0], false, false);
        assertEquals(413, a.status());
        assertTrue(a.body().contains("REQUEST_TOO_LARGE"), a.body());
        assertEquals("close", a.header("Connection"));
        assertTrue(a.closed(), "connection closed after the 413");
    }

    @Test
    void aStreamedDocumentIsCountedAsItArrives() throws Exception {
        byte[] over = ("{\"query\": \"{ regions { id " + "name ".repeat(60_000)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + hq() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                over, true, false);
        assertEquals(413, a.status(), a.toString());
        assertTrue(a.body().contains("REQUEST_TOO_LARGE"), a.body());
        assertTrue(a.closed(), "connection closed after the 413");

        RawHttp.Answer ok = RawHttp.send(base.getPort(), "POST /graphql HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + hq() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close", "{\"query\": \"{ __typename }\"}".getBytes(StandardCharsets.UTF_8), true, true);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(ok.body().contains("\"__typename\":\"Query\""), ok.body());
    }
}
