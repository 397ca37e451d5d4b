package io.npsloop.survey.recovery;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.npsloop.survey.recovery.alert.AlertWorker;
import io.npsloop.survey.recovery.alert.Signatures;
import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.MutableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts through the signed webhook outbox: delivered once, retried after a 500, never carrying contact data. */
@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class AlertTest {

    @Inject
    AlertWorker worker;
    @Inject
    EscalationJob escalation;
    @Inject
    MutableClock clock;
    @Inject
    Pool pool;

    private static List<LoggedRequest> requests(String caseId, String type) {
        return AlertWebhookResource.server.findAll(postRequestedFor(urlEqualTo("/alerts"))
                .withRequestBody(matchingJsonPath("$.caseId", WireMock.equalTo(caseId)))
                .withRequestBody(matchingJsonPath("$.type", WireMock.equalTo(type))));
    }

    private static <T> T await(Supplier<T> s, java.util.function.Predicate<T> done) {
        long end = System.currentTimeMillis() + 15_000;
        T v = s.get();
        while (!done.test(v) && System.currentTimeMillis() < end) {
            Api.sleep(50);
            v = s.get();
        }
        return v;
    }

    private Row alertRow(String caseId, String kind) {
        var rows = pool.preparedQuery("SELECT status, attempts, recipient, role FROM case_alert WHERE case_id = $1::uuid AND kind = $2")
                .execute(Tuple.of(caseId, kind)).await().atMost(Duration.ofSeconds(5));
        return rows.rowCount() == 0 ? null : rows.iterator().next();
    }

    @Test
    void caseOpenedIsDeliveredOnceSignedAndWithoutContactData() {
        String s = "S-AL-1";
        Fixture.store(s);
        Fixture.Detractor d = Fixture.detractor(s, 2);
        List<LoggedRequest> got = await(() -> requests(d.caseId(), "CASE_OPENED"), l -> !l.isEmpty());
        assertEquals(1, got.size());
        LoggedRequest req = got.get(0);
        String body = req.getBodyAsString();
        assertTrue(Signatures.verify("test-alert-secret", req.getHeader(Signatures.HEADER), body), "HMAC signature");
        assertFalse(Signatures.verify("another-secret", req.getHeader(Signatures.HEADER), body));
        assertEquals("case-opened-" + d.caseId(), req.getHeader("X-NpsLoop-Alert-Id"));
        JsonPath j = JsonPath.from(body);
        assertEquals("sm-" + s, j.getString("recipient"));
        assertEquals("STORE_MANAGER", j.getString("role"));
        assertEquals(s, j.getString("storeId"));
        assertEquals("FIRST_CONTACT", j.getString("stage"));
        assertTrue(j.getString("caseUrl").endsWith("/cases/" + d.caseId()));
        assertFalse(body.contains(d.answer().phone()) || body.contains("张三") || body.contains("13812345678")
                || body.contains("态度"), "no name, phone or comment in an alert: " + body);

        Row row = await(() -> alertRow(d.caseId(), "CASE_OPENED"), r -> "SENT".equals(r.getString("status")));
        assertEquals("SENT", row.getString("status"));
        worker.runOnce().await().atMost(Duration.ofSeconds(10));
        worker.runOnce().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, requests(d.caseId(), "CASE_OPENED").size(), "never sent again after success");
    }

    @Test
    void aFailedDeliveryIsRetriedWithBackOffUntilItSucceeds() {
        String s = "S-AL-500";
        Fixture.store(s);
        AlertWebhookResource.server.stubFor(WireMock.post("/alerts").atPriority(1)
                .withRequestBody(matchingJsonPath("$.storeId", WireMock.equalTo(s)))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.serverError()).willSetStateTo("recovered"));
        AlertWebhookResource.server.stubFor(WireMock.post("/alerts").atPriority(1)
                .withRequestBody(matchingJsonPath("$.storeId", WireMock.equalTo(s)))
                .inScenario("flaky").whenScenarioStateIs("recovered").willReturn(WireMock.ok()));
        Fixture.Detractor d = Fixture.detractor(s, 4);
        Row row = await(() -> alertRow(d.caseId(), "CASE_OPENED"), r -> r != null && "SENT".equals(r.getString("status")));
        assertEquals("SENT", row.getString("status"));
        assertEquals(2, row.getInteger("attempts"));
        assertEquals(2, requests(d.caseId(), "CASE_OPENED").size(), "one failed attempt (500), one success");
        worker.runOnce().await().atMost(Duration.ofSeconds(10));
        assertEquals(2, requests(d.caseId(), "CASE_OPENED").size());
    }

    @Test
    void escalationAlertGoesToTheNextRolesRecipient() {
        String s = "S-AL-ESC";
        Fixture.store(s);
        Fixture.Detractor d = Fixture.detractor(s, 0);
        clock.advance(Duration.ofMinutes(61));
        escalation.runOnce().await().atMost(Duration.ofSeconds(30));
        escalation.runOnce().await().atMost(Duration.ofSeconds(30));
        List<LoggedRequest> got = await(() -> requests(d.caseId(), "CASE_ESCALATED"), l -> !l.isEmpty());
        assertEquals(1, got.size());
        JsonPath j = JsonPath.from(got.get(0).getBodyAsString());
        assertEquals("td-" + s, j.getString("recipient"));
        assertEquals("TECHNICAL_DIRECTOR", j.getString("role"));
        assertEquals("FIRST_CONTACT", j.getString("stage"));
        await(() -> alertRow(d.caseId(), "CASE_ESCALATED"), r -> "SENT".equals(r.getString("status")));
        worker.runOnce().await().atMost(Duration.ofSeconds(10));
        assertEquals(1, requests(d.caseId(), "CASE_ESCALATED").size());
    }

    @Test
    void aStoreWithoutRecipientsGetsNoAlertRow() {
        String s = "S-AL-NONE-" + System.nanoTime() % 100000; // created UNCONFIGURED by the order
        Fixture.Detractor d = Fixture.detractor(s, 5);
        assertNull(alertRow(d.caseId(), "CASE_OPENED"));
    }
}
