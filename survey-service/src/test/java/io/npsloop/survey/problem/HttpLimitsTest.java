package io.npsloop.survey.problem;

import io.npsloop.survey.support.Api;
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
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).get("/api/v1/cases?after=" + "B".repeat(10_000))
                .then().statusCode(414).contentType("application/problem+json").body("status", is(414));
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).get("/api/v1/regions/" + "A".repeat(20_000))
                .then().statusCode(414).contentType("application/problem+json").body("title", is("URI Too Long"));
    }

    @Test
    void headersOverTheLimitAre431ProblemJson() {
        given().header("X-Filler", "h".repeat(30_000)).get("/api/v1/stores")
                .then().statusCode(431).contentType("application/problem+json").body("status", is(431));
    }

    /**
     * A client that sends the whole oversized body before it reads (as the fuzzer's JDK client did with 4.2 MB) still
     * gets the answer: the connection is closed only once the rest has been discarded, not reset under it.
     */
    @Test
    void aClientSendingAllOfAnOversizedBodyGetsThe413() {
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).contentType("application/json")
                    .body(new byte[8 * 1024 * 1024]).post("/api/v1/stores")
                    .then().statusCode(413).contentType("application/problem+json").header("Connection", "close");
        }
    }

    /** The announced size is enough: nothing of the body is read, and the connection is closed after the answer. */
    @Test
    void aDeclaredBodyOverTheImportLimitIs413ProblemJsonWithoutReadingIt() throws Exception {
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: text/csv\r\nContent-Length: 300000000", new byte[0], false, false);
        a.assertRefusedAndClosed(413);
    }

    /** A chunked body has no size up front: it is counted as it arrives and refused once it passes the limit. */
    @Test
    void aStreamedBodyOverTheLimitIs413ProblemJson() throws Exception {
        String token = Api.invite("S-HL1");
        byte[] body = ("{\"score\": 5, \"comment\": \"" + "x".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        // the body never ends: only counting the bytes as they come can answer
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/surveys/" + token + "/response HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", body, true, false);
        a.assertRefusedAndClosed(413);
    }

    @Test
    void aStreamedBodyUnderTheLimitIsRead() throws Exception {
        String token = Api.invite("S-HL2");
        byte[] body = "{\"score\": 9, \"comment\": \"quick and friendly\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/surveys/" + token + "/response HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close",
                body, true, true);
        assertEquals(201, a.status(), a.toString());
        assertTrue(a.body().contains("responseId"), a.body());
    }
}
