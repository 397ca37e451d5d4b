package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.MutableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** RECOVERED → follow-up invitation after the delay (quiet period bypassed) → that answer is resurvey=true. */
@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class ResurveyTest {

    static final String S = "S-RS-1";

    @Inject
    ResurveyJob job;
    @Inject
    MutableClock clock;
    @Inject
    Pool pool;

    private static void recover(String id) {
        String sm = Fixture.bearer("STORE_MANAGER", S);
        String gm = Fixture.bearer("GENERAL_MANAGER", S);
        Fixture.action(sm, id, "first-contact", Map.of("notes", "n")).statusCode(200);
        Fixture.action(sm, id, "classification", Map.of("problemType", "TECHNICAL", "scope", "INDIVIDUAL")).statusCode(200);
        Fixture.action(sm, id, "remedy", Map.of("apology", "a", "compensation", "b", "processFix", "c")).statusCode(200);
        Fixture.action(gm, id, "gm-follow-up", Map.of("notes", "n")).statusCode(200);
        Fixture.action(sm, id, "close", Map.of("outcome", "RECOVERED")).statusCode(200);
    }

    @Test
    void recoveredCustomerIsSurveyedAgainAndTheAnswerIsAResurvey() {
        Fixture.store(S);
        Fixture.Detractor d = Fixture.detractor(S, 3);
        // a customer without a recovered case: not a re-survey
        Map<String, Object> first = Api.awaitEvent(e -> Api.is(e, "ResponseSubmitted", "responseId", d.answer().responseId()));
        assertEquals(Boolean.FALSE, Api.data(first).get("resurvey"));
        recover(d.caseId());

        assertEquals(List.of(), job.runOnce().await().atMost(Duration.ofSeconds(30)).stream()
                .filter(x -> false).toList());
        String followUpOrder = "RS-" + d.caseId();
        long before = pool.preparedQuery("SELECT count(*) AS n FROM invitation WHERE order_id = $1").execute(Tuple.of(followUpOrder))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
        assertEquals(0, before, "not before the delay");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        List<UUID> created = job.runOnce().await().atMost(Duration.ofSeconds(30));
        job.runOnce().await().atMost(Duration.ofSeconds(30)); // a second pass invites nothing more
        var inv = pool.preparedQuery("SELECT id, token FROM invitation WHERE order_id = $1").execute(Tuple.of(followUpOrder))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(1, inv.rowCount(), "one follow-up invitation, although the 30-day quiet period is running");
        UUID invitationId = inv.iterator().next().getUUID("id");
        assertEquals(true, created.contains(invitationId));
        String token = inv.iterator().next().getString("token");
        Map<String, Object> invEvent = Api.awaitEvent(e -> Api.is(e, "InvitationCreated", "orderId", followUpOrder));
        assertEquals(Api.data(first).get("customerKey"), Api.data(invEvent).get("customerKey"));

        String responseId = given().contentType("application/json").body("{\"score\": 9}")
                .post("/api/v1/surveys/" + token + "/response").then().statusCode(201).extract().path("responseId");
        Map<String, Object> again = Api.awaitEvent(e -> Api.is(e, "ResponseSubmitted", "responseId", responseId));
        assertEquals(Boolean.TRUE, Api.data(again).get("resurvey"));
        assertNotNull(again);
    }
}
