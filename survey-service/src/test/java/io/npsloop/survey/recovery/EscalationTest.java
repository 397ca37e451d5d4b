package io.npsloop.survey.recovery;

import io.npsloop.survey.support.MutableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class EscalationTest {

    static final String S = "S-ESC-1";
    static final String SM = Fixture.bearer("STORE_MANAGER", S);
    static final String GM = Fixture.bearer("GENERAL_MANAGER", S);

    @Inject
    MutableClock clock;
    @Inject
    EscalationJob job;
    @Inject
    Pool pool;

    @BeforeEach
    void store() {
        Fixture.store(S);
    }

    private List<EscalationJob.Escalated> pass(String caseId) {
        return job.runOnce().await().atMost(Duration.ofSeconds(30)).stream()
                .filter(e -> e.caseId().toString().equals(caseId)).toList();
    }

    @Test
    void everyDeadlineEscalatesItsStageExactlyOnce() {
        String id = Fixture.detractor(S, 2).caseId();
        assertEquals(List.of(), pass(id), "nothing is due at once");
        clock.advance(Duration.ofMinutes(59));
        assertEquals(List.of(), pass(id), "59 minutes: first contact not yet overdue");
        Fixture.get(SM, id).statusCode(200).body("overdue", is(false));

        clock.advance(Duration.ofMinutes(2));
        List<EscalationJob.Escalated> first = pass(id);
        assertEquals(1, first.size());
        assertEquals("FIRST_CONTACT", first.get(0).stage());
        assertEquals("STORE_MANAGER", first.get(0).fromRole());
        assertEquals("TECHNICAL_DIRECTOR", first.get(0).toRole());
        assertEquals(List.of(), pass(id), "a second pass (a restart, another replica) escalates nothing more");
        Fixture.get(SM, id).statusCode(200).body("overdue", is(true)).body("ownerRole", is("TECHNICAL_DIRECTOR"))
                .body("escalatedStages", is(List.of("FIRST_CONTACT")));
        given().header("Authorization", SM).queryParam("storeId", S).queryParam("overdue", "true").get("/api/v1/cases")
                .then().statusCode(200).body("items.id", hasItem(id));

        String td = Fixture.bearer("TECHNICAL_DIRECTOR", S);
        Fixture.action(SM, id, "first-contact", Map.of("notes", "late")).statusCode(403);
        Fixture.action(td, id, "first-contact", Map.of("notes", "late")).statusCode(200).body("overdue", is(false));
        given().header("Authorization", SM).queryParam("storeId", S).queryParam("overdue", "true").get("/api/v1/cases")
                .then().statusCode(200).body("items.id", not(hasItem(id)));

        clock.advance(Duration.ofHours(3)); // 4 h 01 after the response
        List<EscalationJob.Escalated> second = pass(id);
        assertEquals(1, second.size());
        assertEquals("ANALYSIS", second.get(0).stage());
        assertEquals("SERVICE_DIRECTOR", second.get(0).toRole());
        assertEquals(List.of(), pass(id));

        String sd = Fixture.bearer("SERVICE_DIRECTOR", S);
        Fixture.action(sd, id, "classification", Map.of("problemType", "TECHNICAL", "scope", "INDIVIDUAL")).statusCode(200)
                .body("ownerRole", is("SERVICE_DIRECTOR"));   // never lowered below the escalated owner
        clock.advance(Duration.ofHours(4)); // 8 h 01
        List<EscalationJob.Escalated> third = pass(id);
        assertEquals(1, third.size());
        assertEquals("REMEDY", third.get(0).stage());
        assertEquals("GENERAL_MANAGER", third.get(0).toRole());

        Fixture.action(GM, id, "remedy", Map.of("apology", "a", "compensation", "b", "processFix", "c")).statusCode(200);
        clock.advance(Duration.ofHours(16)); // 24 h 01
        List<EscalationJob.Escalated> fourth = pass(id);
        assertEquals(1, fourth.size());
        assertEquals("GM_FOLLOW_UP", fourth.get(0).stage());
        assertEquals("GENERAL_MANAGER", fourth.get(0).fromRole());
        assertEquals("GENERAL_MANAGER", fourth.get(0).toRole());
        assertEquals(List.of(), pass(id));

        Fixture.action(GM, id, "gm-follow-up", Map.of("notes", "n")).statusCode(200);
        clock.advance(Duration.ofHours(48));
        assertEquals(List.of(), pass(id), "DONE has no deadline");

        List<Map<String, Object>> events = Feed.of(pool, "CaseEscalated", id);
        assertEquals(List.of("FIRST_CONTACT", "ANALYSIS", "REMEDY", "GM_FOLLOW_UP"), events.stream().map(e -> e.get("stage")).toList());
        events.forEach(e -> {
            assertEquals(S, e.get("storeId"));
            assertTrue(((String) e.get("escalatedAt")).endsWith("+08:00"));
        });
        assertEquals("STORE_MANAGER", events.get(0).get("fromRole"));
        assertEquals("TECHNICAL_DIRECTOR", events.get(0).get("toRole"));
    }

    @Test
    void concurrentPassesPublishOneEventPerStage() {
        String a = Fixture.detractor(S, 3).caseId();
        String b = Fixture.detractor(S, 4).caseId();
        clock.advance(Duration.ofMinutes(61));
        List<List<EscalationJob.Escalated>> results = Uni.join().all(job.runOnce(), job.runOnce(), job.runOnce())
                .andFailFast().await().atMost(Duration.ofSeconds(60));
        for (String id : List.of(a, b)) {
            long n = results.stream().flatMap(List::stream).filter(e -> e.caseId().toString().equals(id)).count();
            assertEquals(1, n, "exactly one of the concurrent passes escalates case " + id);
            assertEquals(1, Feed.of(pool, "CaseEscalated", id).size());
            long rows = pool.preparedQuery("SELECT count(*) AS n FROM case_escalation WHERE case_id = $1::uuid")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getLong("n");
            assertEquals(1, rows);
        }
    }

    @Test
    void closedCasesNeverEscalate() {
        String id = Fixture.detractor(S, 1).caseId();
        Fixture.action(SM, id, "close", Map.of("outcome", "ABANDONED", "reason", "unreachable")).statusCode(200);
        clock.advance(Duration.ofHours(30));
        assertEquals(List.of(), pass(id));
        Fixture.get(SM, id).statusCode(200).body("overdue", is(false));
        assertEquals(0, Feed.of(pool, "CaseEscalated", id).size());
    }
}
