package io.npsloop.referral.problem;

import io.npsloop.referral.support.Fixtures;
import io.npsloop.testsupport.RawHttp;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
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
    @Inject
    Pool pool;

    @Test
    void aUriOverTheLimitIs414ProblemJson() {
        given().header("Authorization", TestTokens.bearer("HQ_ANALYST")).get("/api/v1/promoters?after=" + "B".repeat(10_000))
                .then().statusCode(414).contentType("application/problem+json").body("status", is(414));
        given().get("/api/v1/referrals/" + "A".repeat(20_000) + "/qr.svg")
                .then().statusCode(414).contentType("application/problem+json").body("title", is("URI Too Long"));
    }

    @Test
    void headersOverTheLimitAre431ProblemJson() {
        given().header("X-Filler", "h".repeat(30_000)).get("/api/v1/promoters")
                .then().statusCode(431).contentType("application/problem+json").body("status", is(431));
    }

    /** The announced size is enough: nothing of the body is read, and the connection is closed after the answer. */
    @Test
    void aDeclaredBodyOverTheLimitIs413ProblemJsonWithoutReadingIt() throws Exception {
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/referrals/ZZZZZZZZZZZ/bookings HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 12582912", new byte[0], false, false);
        a.assertRefusedAndClosed(413);
    }

    /** A chunked body has no size up front: it is counted as it arrives and refused once it passes the limit. */
    @Test
    void aStreamedBodyOverTheLimitIs413ProblemJson() throws Exception {
        byte[] body = ("{\"name\": \"" + "x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
        // the body never ends: only counting the bytes as they come can answer
        RawHttp.Answer a = RawHttp.send(base.getPort(), "POST /api/v1/referrals/ZZZZZZZZZZZ/bookings HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", body, true, false);
        a.assertRefusedAndClosed(413);
    }

    /** Read ahead by the limit, a streamed JSON body and a streamed form still reach the resource whole. */
    @Test
    void streamedBodiesUnderTheLimitAreRead() throws Exception {
        RawHttp.Answer json = RawHttp.send(base.getPort(), "POST /api/v1/referrals/ZZZZZZZZZZZ/bookings HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close",
                "{\"name\": \"\", \"age\": 3}".getBytes(StandardCharsets.UTF_8), true, true);
        assertEquals(400, json.status(), json.toString());
        assertTrue(json.body().contains("\"age\""), "the unknown property was read: " + json.body());

        Fixtures.store(pool, "S01", "深圳福田服务中心", "R1");
        String code = Fixtures.code(Fixtures.randomPhone(), "S01");
        String html = Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(200).extract().asString();
        String form = "name=" + enc("王五") + "&phone=" + Fixtures.randomPhone() + "&storeId=S01&preferredTime="
                + enc(java.time.LocalDateTime.now().plusDays(2).withNano(0).withSecond(0).toString())
                + "&clickToken=" + enc(Fixtures.clickToken(html)) + "&lang=zh-CN";
        RawHttp.Answer booked = RawHttp.send(base.getPort(), "POST /api/v1/referrals/" + code + "/bookings HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
                        + "X-Forwarded-For: " + Fixtures.randomIp() + "\r\nConnection: close",
                form.getBytes(StandardCharsets.UTF_8), true, true);
        assertEquals(201, booked.status(), booked.toString());
        assertTrue(booked.body().contains("预约成功"), booked.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
