package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class CaseWorkflowTest {

    static final String S = "S-WF-1";
    static final String SM = Fixture.bearer("STORE_MANAGER", S);
    static final String TD = Fixture.bearer("TECHNICAL_DIRECTOR", S);
    static final String SD = Fixture.bearer("SERVICE_DIRECTOR", S);
    static final String GM = Fixture.bearer("GENERAL_MANAGER", S);

    @Inject
    Pool pool;

    @BeforeEach
    void stores() {
        Fixture.store(S);
    }

    @Test
    void detractorOpensCaseWithFourDeadlinesFromTheResponseTime() {
        Fixture.Detractor d = Fixture.detractor(S, 3);
        assertNotNull(d.caseId(), "a 0-6 answer opens a case in the response transaction");
        Map<String, Object> c = Fixture.get(SM, d.caseId()).statusCode(200)
                .body("storeId", is(S)).body("responseId", is(d.answer().responseId())).body("score", is(3))
                .body("stage", is("FIRST_CONTACT")).body("status", is("OPEN")).body("overdue", is(false))
                .body("ownerRole", is("STORE_MANAGER")).body("customer.phone", is(d.answer().phone()))
                .body("customer.name", is("张三"))
                .extract().jsonPath().getMap("$");
        OffsetDateTime opened = OffsetDateTime.parse((String) c.get("openedAt"));
        assertTrue(((String) c.get("openedAt")).endsWith("+08:00"));
        @SuppressWarnings("unchecked") Map<String, String> dl = (Map<String, String>) c.get("deadlines");
        assertEquals(opened.plusHours(1).toInstant(), OffsetDateTime.parse(dl.get("firstContact")).toInstant());
        assertEquals(opened.plusHours(4).toInstant(), OffsetDateTime.parse(dl.get("analysis")).toInstant());
        assertEquals(opened.plusHours(8).toInstant(), OffsetDateTime.parse(dl.get("remedy")).toInstant());
        assertEquals(opened.plusHours(24).toInstant(), OffsetDateTime.parse(dl.get("gmFollowUp")).toInstant());
        assertEquals(opened.plusHours(1).toInstant(), OffsetDateTime.parse((String) c.get("dueAt")).toInstant());

        List<Map<String, Object>> opens = Feed.of(pool, "CaseOpened", d.caseId());
        assertEquals(1, opens.size());
        Map<String, Object> e = opens.get(0);
        assertEquals(d.answer().responseId(), e.get("responseId"));
        assertEquals(S, e.get("storeId"));
        assertEquals(3, e.get("score"));
        assertEquals("STORE_MANAGER", e.get("ownerRole"));
        @SuppressWarnings("unchecked") Map<String, String> due = (Map<String, String>) e.get("dueAt");
        assertEquals(java.util.Set.of("FIRST_CONTACT", "ANALYSIS", "REMEDY", "GM_FOLLOW_UP"), due.keySet());
        assertEquals(opened.toInstant(), OffsetDateTime.parse((String) e.get("openedAt")).toInstant());
        Map<String, Object> submitted = Api.awaitEvent(ev -> Api.is(ev, "ResponseSubmitted", "responseId", d.answer().responseId()));
        assertEquals(OffsetDateTime.parse((String) Api.data(submitted).get("answeredAt")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS), OffsetDateTime.parse((String) e.get("openedAt")).toInstant());
        String feed = Api.allEvents().toString();
        assertTrue(!feed.contains(d.answer().phone()) && !feed.contains("张三"), "no contact data in events");
    }

    @Test
    void promotersAndPassivesOpenNoCase() {
        Fixture.Answered p = Fixture.answer(S, "{\"score\": 9}");
        Fixture.Answered q = Fixture.answer(S, "{\"score\": 7}");
        assertNull(Fixture.caseOf(p.responseId()));
        assertNull(Fixture.caseOf(q.responseId()));
        Fixture.Detractor zero = Fixture.detractor(S, 0);
        Fixture.Detractor six = Fixture.detractor(S, 6);
        assertNotNull(zero.caseId());
        assertNotNull(six.caseId());
    }

    @Test
    void recoveredPathThroughEveryStage() {
        Fixture.Detractor d = Fixture.detractor(S, 2);
        String id = d.caseId();
        Fixture.action(SM, id, "first-contact", Map.of("notes", "listened, no excuses")).statusCode(200)
                .body("stage", is("ANALYSIS")).body("firstContactAt", notNullValue())
                .body("notes.firstContact", is("listened, no excuses"));
        Fixture.action(SM, id, "classification", Map.of("problemType", "ATTITUDE", "scope", "INDIVIDUAL")).statusCode(200)
                .body("stage", is("REMEDY")).body("ownerRole", is("SERVICE_DIRECTOR"))
                .body("problemType", is("ATTITUDE")).body("scope", is("INDIVIDUAL"))
                .body("customer", nullValue());
        Fixture.action(SM, id, "remedy", Map.of("apology", "a", "compensation", "b", "processFix", "c")).statusCode(403)
                .contentType("application/problem+json");
        Fixture.action(SD, id, "remedy", Map.of("apology", "当面道歉", "compensation", "免费保养一次", "processFix", "接待话术培训"))
                .statusCode(200).body("stage", is("GM_FOLLOW_UP")).body("remedy.compensation", is("免费保养一次"));
        Fixture.action(SD, id, "gm-follow-up", Map.of("notes", "x")).statusCode(403);
        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "总经理亲自回访")).statusCode(200)
                .body("stage", is("DONE")).body("dueAt", nullValue()).body("overdue", is(false));
        Fixture.action(SD, id, "close", Map.of("outcome", "RECOVERED", "reason", "客户满意")).statusCode(200)
                .body("status", is("RECOVERED")).body("outcome", is("RECOVERED")).body("closedAt", notNullValue());

        List<Map<String, Object>> stages = Feed.of(pool, "CaseStageCompleted", id);
        assertEquals(List.of("FIRST_CONTACT", "ANALYSIS", "REMEDY", "GM_FOLLOW_UP"), stages.stream().map(s -> s.get("stage")).toList());
        stages.forEach(s -> {
            assertEquals(S, s.get("storeId"));
            assertNotNull(s.get("completedAt"));
            assertTrue(((Number) s.get("minutesSinceOpened")).longValue() >= 0);
        });
        assertEquals("SERVICE_DIRECTOR", stages.get(1).get("ownerRole"));
        List<Map<String, Object>> closed = Feed.of(pool, "CaseClosed", id);
        assertEquals(1, closed.size());
        assertEquals("RECOVERED", closed.get(0).get("outcome"));
        assertEquals("客户满意", closed.get(0).get("reason"));
        assertEquals(0, ((Number) closed.get(0).get("firstContactMinutes")).intValue());
        long resurveys = pool.preparedQuery("SELECT count(*) AS n FROM resurvey WHERE case_id = $1::uuid AND status = 'PENDING'")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertEquals(1, resurveys, "a RECOVERED close schedules the follow-up survey");
    }

    @Test
    void severityMatrixAssignsTheOwner() {
        String[][] rows = {{"TECHNICAL", "INDIVIDUAL", "STORE_MANAGER"}, {"TECHNICAL", "MULTIPLE", "TECHNICAL_DIRECTOR"},
                {"ATTITUDE", "INDIVIDUAL", "SERVICE_DIRECTOR"}, {"ATTITUDE", "MULTIPLE", "GENERAL_MANAGER"}};
        for (String[] r : rows) {
            String id = Fixture.detractor(S, 4).caseId();
            Fixture.action(SM, id, "first-contact", Map.of("notes", "n")).statusCode(200);
            Fixture.action(SM, id, "classification", Map.of("problemType", r[0], "scope", r[1])).statusCode(200)
                    .body("ownerRole", is(r[2]));
        }
    }

    @Test
    void abandonedAtAnyOpenStageWithAReason() {
        String id = Fixture.detractor(S, 1).caseId();
        Fixture.action(SM, id, "first-contact", Map.of("notes", "n")).statusCode(200);
        Fixture.action(SM, id, "close", Map.of("outcome", "ABANDONED")).statusCode(400)
                .body("invalidParams.name", hasItem("reason"));
        Fixture.action(SM, id, "close", Map.of("outcome", "ABANDONED", "reason", "已在别处购车")).statusCode(200)
                .body("status", is("ABANDONED")).body("stage", is("ANALYSIS")).body("dueAt", nullValue());
        Map<String, Object> closed = Feed.of(pool, "CaseClosed", id).get(0);
        assertEquals("ABANDONED", closed.get("outcome"));
        assertEquals("已在别处购车", closed.get("reason"));
        long resurveys = pool.preparedQuery("SELECT count(*) AS n FROM resurvey WHERE case_id = $1::uuid")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertEquals(0, resurveys);
    }

    @Test
    void illegalTransitionsAre409AndChangeNothing() {
        String id = Fixture.detractor(S, 5).caseId();
        Map<String, Object> remedy = Map.of("apology", "a", "compensation", "b", "processFix", "c");
        // skipping stages from FIRST_CONTACT
        Fixture.action(SM, id, "classification", Map.of("problemType", "TECHNICAL", "scope", "INDIVIDUAL")).statusCode(409)
                .contentType("application/problem+json").body("status", is(409));
        Fixture.action(SM, id, "remedy", remedy).statusCode(409);
        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "n")).statusCode(409);
        Fixture.action(SM, id, "close", Map.of("outcome", "RECOVERED")).statusCode(409);
        assertUnchanged(id, "FIRST_CONTACT", 0);
        // validation
        Fixture.action(SM, id, "first-contact", Map.of("notes", "")).statusCode(400).body("invalidParams.name", hasItem("notes"));
        Fixture.action(SM, id, "first-contact", Map.of("notes", "n", "extra", 1)).statusCode(400);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "n")).statusCode(200);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "again")).statusCode(409);
        Fixture.action(SM, id, "classification", Map.of("problemType", "RUDE", "scope", "INDIVIDUAL")).statusCode(400)
                .body("invalidParams.name", hasItem("problemType"));
        Fixture.action(SM, id, "remedy", remedy).statusCode(409);
        assertUnchanged(id, "ANALYSIS", 1);
        Fixture.action(SM, id, "classification", Map.of("problemType", "TECHNICAL", "scope", "INDIVIDUAL")).statusCode(200);
        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "n")).statusCode(409);
        Fixture.action(SM, id, "close", Map.of("outcome", "RECOVERED")).statusCode(409);
        Fixture.action(SM, id, "remedy", remedy).statusCode(200);
        Fixture.action(SM, id, "close", Map.of("outcome", "RECOVERED")).statusCode(409);
        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "n")).statusCode(200);
        Fixture.action(SM, id, "close", Map.of("outcome", "WON")).statusCode(400);
        Fixture.action(SM, id, "close", Map.of("outcome", "RECOVERED")).statusCode(200);
        // closing twice, acting on a closed case
        Fixture.action(SM, id, "close", Map.of("outcome", "RECOVERED")).statusCode(409);
        Fixture.action(SM, id, "close", Map.of("outcome", "ABANDONED", "reason", "x")).statusCode(409);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "n")).statusCode(409);
        assertEquals(1, Feed.of(pool, "CaseClosed", id).size());
        assertEquals(4, Feed.of(pool, "CaseStageCompleted", id).size());
        // unknown case
        Fixture.action(SM, "00000000-0000-0000-0000-000000000000", "first-contact", Map.of("notes", "n")).statusCode(404);
        Fixture.get(SM, "not-a-uuid").statusCode(404);
    }

    private void assertUnchanged(String id, String stage, int stageEvents) {
        Fixture.get(SM, id).statusCode(200).body("stage", is(stage)).body("status", is("OPEN"));
        assertEquals(stageEvents, Feed.of(pool, "CaseStageCompleted", id).size());
        assertEquals(0, Feed.of(pool, "CaseClosed", id).size());
    }

    @Test
    void listFiltersAndPaging() {
        String s2 = "S-WF-LIST";
        Fixture.store(s2);
        String a = Fixture.detractor(s2, 3).caseId();
        String b = Fixture.detractor(s2, 4).caseId();
        String c = Fixture.detractor(s2, 5).caseId();
        String sm2 = Fixture.bearer("STORE_MANAGER", s2);
        Fixture.action(sm2, b, "first-contact", Map.of("notes", "n")).statusCode(200);
        Fixture.action(sm2, c, "close", Map.of("outcome", "ABANDONED", "reason", "r")).statusCode(200);

        var page1 = given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("limit", 2)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(c, b), page1.getList("items.id"));
        String next = page1.getString("next");
        assertNotNull(next);
        var page2 = given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("limit", 2)
                .queryParam("after", next).get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(a), page2.getList("items.id"));
        assertNull(page2.getString("next"));

        given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("status", "ABANDONED")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", is(List.of(c)));
        given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("stage", "ANALYSIS")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", is(List.of(b)));
        given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("overdue", "false").queryParam("status", "OPEN")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", is(List.of(b, a)));
        String today = OffsetDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("from", "2000-01-01").queryParam("to", "2000-01-02")
                .get("/api/v1/cases").then().statusCode(200).body("items", is(List.of()));
        given().header("Authorization", sm2).queryParam("storeId", s2).queryParam("from", "2000-01-01")
                .get("/api/v1/cases").then().statusCode(200).body("items.size()", is(3));
        assertNotNull(today);
        given().header("Authorization", sm2).queryParam("stage", "NOPE").get("/api/v1/cases").then().statusCode(400)
                .body("invalidParams.name", hasItem("stage"));
        given().header("Authorization", sm2).queryParam("status", "CLOSED").get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", sm2).queryParam("overdue", "maybe").get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", sm2).queryParam("from", "23-11-2026").get("/api/v1/cases").then().statusCode(400)
                .body("invalidParams.name", hasItem("from"));
        given().header("Authorization", sm2).queryParam("limit", 0).get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", sm2).queryParam("storeId", S).get("/api/v1/cases").then().statusCode(403);
    }

    @Test
    void recordsTheOptionalDetailsOfEachStep() {
        String id = Fixture.detractor(S, 3).caseId();
        // One vocabulary: other spellings are unknown properties, not silently accepted.
        Fixture.action(SM, id, "first-contact", Map.of("note", "called")).statusCode(400);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "called", "reached", true)).statusCode(200);
        Fixture.action(SM, id, "classification", Map.of("problemType", "ATTITUDE", "scope", "MANY")).statusCode(400);
        id = Fixture.detractor(S, 3).caseId();
        Fixture.action(SM, id, "first-contact", Map.of("notes", "no answer", "reached", false)).statusCode(409);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "called", "reached", true,
                "contactedAt", OffsetDateTime.now().toString())).statusCode(200).body("notes.firstContact", is("called"));
        Fixture.action(SM, id, "classification", Map.of("problemType", "ATTITUDE", "scope", "MULTIPLE", "plan", "全员培训",
                "reasons", List.of("ATTITUDE"))).statusCode(200)
                .body("ownerRole", is("GENERAL_MANAGER")).body("scope", is("MULTIPLE")).body("plan", is("全员培训"));
        Fixture.action(GM, id, "remedy", Map.of("apology", "道歉并赠送保养", "compensationCents", 50000, "processFix", "流程整改"))
                .statusCode(200).body("remedy.apology", is("道歉并赠送保养")).body("remedy.compensationCents", is(50000));
        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "满意", "satisfied", true)).statusCode(200)
                .body("gmSatisfied", is(true)).body("reasons", is(List.of("ATTITUDE")));
    }
}
