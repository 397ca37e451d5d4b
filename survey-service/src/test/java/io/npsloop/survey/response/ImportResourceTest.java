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

    @jakarta.inject.Inject
    io.npsloop.survey.support.MutableClock clock;

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

    @Test
    void aNulCharacterRejectsItsRowOnlyNotTheBatch() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String csv = HEADER + row("NUL-" + run + "-1", "9", "") + row("NUL-" + run + "-2", "3", "bad\u0000comment")
                + row("NUL-" + run + "-3", "8", "");
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/imports").then().statusCode(200)
                .body("accepted", is(2)).body("rejected", hasSize(1))
                .body("rejected[0].line", is(3)).body("rejected[0].reason", containsString("NUL"));
    }

    /**
     * Two imports racing over the same orders: every order is stored once, every line is accounted for (accepted or
     * rejected), and a batch that loses the race is rejected whole — its rows that nobody else had (the B-only ones)
     * are then not stored either: no half-written batch.
     */
    @Test
    void racingImportsNeverHalfWriteABatch() throws Exception {
        for (int round = 0; round < 3; round++) {
            String run = java.util.UUID.randomUUID().toString().substring(0, 8);
            StringBuilder a = new StringBuilder(HEADER), b = new StringBuilder(HEADER);
            for (int i = 0; i < 300; i++) {
                String r = row("RACE-" + run + "-" + i, String.valueOf(i % 11), "");
                a.append(r);
                b.append(r);
            }
            for (int i = 300; i < 400; i++) {
                b.append(row("RACE-" + run + "-" + i, String.valueOf(i % 11), ""));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.Callable<io.restassured.path.json.JsonPath> postA = () -> given()
                    .header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(a.toString())
                    .post("/api/v1/imports").then().statusCode(200).extract().jsonPath();
            java.util.concurrent.Callable<io.restassured.path.json.JsonPath> postB = () -> given()
                    .header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(b.toString())
                    .post("/api/v1/imports").then().statusCode(200).extract().jsonPath();
            var fa = pool.submit(postA);
            var fb = pool.submit(postB);
            io.restassured.path.json.JsonPath ra = fa.get(), rb = fb.get();
            pool.shutdown();
            int acceptedA = ra.getInt("accepted"), acceptedB = rb.getInt("accepted");
            assertEquals(300, acceptedA + ra.getList("rejected").size());
            assertEquals(400, acceptedB + rb.getList("rejected").size());
            // all-or-nothing per batch (each file is one batch here): A 0 or 300, B 0, 100 (the shared rows were
            // known when it looked) or 400; each of the 300 shared orders went to exactly one of them
            String outcome = "accepted A " + acceptedA + ", B " + acceptedB;
            org.junit.jupiter.api.Assertions.assertTrue(acceptedA == 0 || acceptedA == 300, outcome);
            org.junit.jupiter.api.Assertions.assertTrue(acceptedB == 0 || acceptedB == 100 || acceptedB == 400, outcome);
            assertEquals(300, acceptedA + (acceptedB == 400 ? 300 : 0), outcome);
            // B's own rows are stored exactly when B's batch was (they conflict with nothing)
            String probe = HEADER + row("RACE-" + run + "-350", "5", "");
            String reason = acceptedB > 0 ? "already known" : null;
            var again = given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(probe)
                    .post("/api/v1/imports").then().statusCode(200);
            if (reason != null) {
                again.body("accepted", is(0)).body("rejected[0].reason", containsString(reason));
            } else {
                again.body("accepted", is(1));
            }
        }
    }

    /** A backfill is history: only answers inside npsloop.recovery.import-window (7 days) open cases and tasks. */
    @Test
    void onlyRecentImportedAnswersOpenCasesAndPassiveTasks() {
        String store = "S-IMP-W" + java.util.UUID.randomUUID().toString().substring(0, 6);
        // the service's clock: other tests of this JVM move it forward
        java.time.OffsetDateTime now = java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.ofHours(8)).withNano(0);
        StringBuilder csv = new StringBuilder(HEADER);
        int[][] rows = {{3, 0}, {1, 30}, {7, 0}, {8, 30}}; // score, days ago
        for (int[] r : rows) {
            java.time.OffsetDateTime answered = now.minusDays(r[1]).minusHours(1);
            csv.append("W-").append(java.util.UUID.randomUUID()).append(',').append(store).append(",A9,")
                    .append(answered.minusHours(3)).append(",REPAIR,SELF_PAY,ROUTINE,50000,").append(Api.freshPhone())
                    .append(",王五,12,LOCAL,").append(r[0]).append(",,").append(answered).append(",,\n");
        }
        given().header("Authorization", Api.integration()).contentType("text/csv; charset=UTF-8").body(csv.toString())
                .post("/api/v1/imports").then().statusCode(200).body("accepted", is(4));
        given().header("Authorization", Api.hq()).queryParam("storeId", store).get("/api/v1/cases").then().statusCode(200)
                .body("total", is(1)).body("items.score", org.hamcrest.Matchers.contains(3));
        given().header("Authorization", Api.hq()).queryParam("storeId", store).get("/api/v1/passives").then().statusCode(200)
                .body("total", is(1)).body("items.score", org.hamcrest.Matchers.contains(7));
    }
}
