package io.npsloop.analytics.problem;

import io.npsloop.testsupport.RawHttp;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests over the HTTP limits get problem+json like every other error (reliability/FINDINGS.md F5). */
@QuarkusTest
class HttpLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aUriOverTheLimitIs414ProblemJson() {
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).get("/api/v1/nps?storeId=" + "B".repeat(10_000))
                .then().statusCode(414).contentType("application/problem+json").body("status", is(414));
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).get("/api/v1/initiatives/" + "A".repeat(20_000))
                .then().statusCode(414).contentType("application/problem+json").body("title", is("URI Too Long"));
    }

    @Test
    void headersOverTheLimitAre431ProblemJson() {
        given().header("X-Filler", "h".repeat(30_000)).get("/api/v1/nps")
                .then().statusCode(431).contentType("application/problem+json").body("status", is(431));
    }

    /** The 12 MiB the fuzzer sends, as rest-assured sends it (Content-Length): 413 problem+json. */
    @Test
    void aBodyOverTheLimitIs413ProblemJson() {
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).contentType("application/json")
                .body(new byte[1_100_000]).post("/api/v1/initiatives")
                .then().statusCode(413).contentType("application/problem+json").body("status", is(413))
                .header("Connection", "close");
    }

    /** The announced size is enough: nothing of the body is read, and the connection is closed after the answer. */
    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithoutReadingIt() throws Exception {
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/initiatives HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 12582912", new byte[0], false, false);
        a.assertRefusedAndClosed(413);
    }

    /** A chunked body has no size up front: it is counted as it arrives and refused once it passes the limit. */
    @Test
    void aStreamedBodyOverTheLimitIs413ProblemJson() throws Exception {
        byte[] body = ("{\"name\": \"" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/initiatives HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + TestTokens.bearer("HQ_ANALYST") + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked", body, true, false);
        a.assertRefusedAndClosed(413);
    }

    /** Read ahead by the limit, a streamed body under it still reaches the resource whole. */
    @Test
    void aStreamedBodyUnderTheLimitIsRead() throws Exception {
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/initiatives HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + TestTokens.bearer("HQ_ANALYST") + "\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close",
                "{\"category\":\"ENVIRONMENT\",\"storeIds\":[],\"costCents\":1}".getBytes(StandardCharsets.UTF_8), true, true);
        assertEquals(400, a.status(), a.toString());
        assertTrue(a.body().contains("startDate"), "the body was read and validated: " + a.body());
    }
}
