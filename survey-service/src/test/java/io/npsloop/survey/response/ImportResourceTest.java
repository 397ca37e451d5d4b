package io.npsloop.survey.response;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.npsloop.survey.support.Api.data;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class ImportResourceTest {

    static final String HEADER = "orderId,storeId,advisorId,closedAt,serviceType,paymentType,visitKind,amountCents,phone,"
            + "name,tenureMonths,locality,score,comment,answeredAt,care,reasons\n";

    static String row(String orderId, String score, String comment) {
        return orderId + ",S-IMP,A9,2026-09-01T10:00:00+08:00,REPAIR,INSURANCE,REPEAT_REPAIR,250000," + Api.freshPhone()
                + ",李四,3,NON_LOCAL," + score + "," + comment + ",2026-09-02T09:30:00+08:00,4,PRICE;WAIT_TIME\n";
    }

    @Test
    void importsValidRowsAndReportsRejectedLines() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER
                + row("IMP-" + run + "-1", "9", "\"很好, 谢谢\"")
                + row("IMP-" + run + "-2", "11", "")
                + row("IMP-" + run + "-3", "7.5", "")
                + row("IMP-" + run + "-4", "2", "\"多行\n评论 13800138000\"")
                + row("IMP-" + run + "-1", "5", "")
                + "IMP-" + run + "-6,S-IMP,A9,yesterday,REPAIR,INSURANCE,ROUTINE,1,13900000000,x,1,LOCAL,5,,2026-09-02T09:30:00+08:00,,\n";
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/imports").then().statusCode(200)
                .body("accepted", is(2))
                .body("rejected", hasSize(4))
                .body("rejected.line", org.hamcrest.Matchers.contains(3, 4, 7, 8))
                .body("rejected[0].reason", containsString("score"))
                .body("rejected[2].reason", containsString("twice"))
                .body("rejected[3].reason", containsString("closedAt"));
        Map<String, Object> d = data(Api.awaitEvent(e -> Api.is(e, "ResponseSubmitted", "orderId", "IMP-" + run + "-4")));
        assertEquals("IMPORT", d.get("channel"));
        assertNull(d.get("invitationId"));
        assertEquals("2026-09-02T09:30+08:00", d.get("answeredAt"));
        assertEquals("HIGH", d.get("spendBand"));
        assertEquals("NEW", d.get("tenure"));
        assertEquals("多行\n评论 ***", d.get("comment"));
        // a second import of the same order is rejected, not duplicated
        given().header("Authorization", Api.hq()).contentType("text/csv; charset=UTF-8").body(HEADER + row("IMP-" + run + "-1", "9", ""))
                .post("/api/v1/imports").then().statusCode(200).body("accepted", is(0))
                .body("rejected[0].reason", containsString("already known"));
        given().header("Authorization", Api.hq()).get("/api/v1/stores/S-IMP").then().statusCode(200)
                .body("status", is("UNCONFIGURED"));
    }

    @Test
    void badHeaderAndAuth() {
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body("orderId,storeId\n1,2\n")
                .post("/api/v1/imports").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("lacks the column"));
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(HEADER.replace("care", "mood"))
                .post("/api/v1/imports").then().statusCode(400).body("detail", containsString("mood"));
        given().contentType("text/csv; charset=UTF-8").body(HEADER).post("/api/v1/imports").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S1")).contentType("text/csv; charset=UTF-8").body(HEADER)
                .post("/api/v1/imports").then().statusCode(403);
    }

    @Test
    void manyRowsInSeveralBatches() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 2500; i++) {
            csv.append(row("BULK-" + run + "-" + i, String.valueOf(i % 11), ""));
        }
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(csv.toString())
                .post("/api/v1/imports").then().statusCode(200).body("accepted", is(2500)).body("rejected", hasSize(0));
        Api.awaitEvent(e -> Api.is(e, "ResponseSubmitted", "orderId", "BULK-" + run + "-2499"));
    }
}
