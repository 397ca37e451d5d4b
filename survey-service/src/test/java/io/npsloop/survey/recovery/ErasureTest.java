package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Keys;
import io.npsloop.survey.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class ErasureTest {

    static final String S = "S-ERASE-1";

    @Inject
    Pool pool;

    private Row one(String sql, Object... args) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().next();
    }

    @Test
    void erasesNameAndPhoneEverywhereKeepsScoresPublishesOnceAndIsIdempotent() {
        Fixture.store(S);
        Fixture.Detractor d = Fixture.detractor(S, 3);
        String sm = Fixture.bearer("STORE_MANAGER", S);
        Fixture.action(sm, d.caseId(), "first-contact", Map.of("notes", "called " + d.answer().phone())).statusCode(200);
        String key = Keys.customerKey("test-secret", d.answer().phone());

        given().header("Authorization", sm).delete("/api/v1/customers/" + d.answer().customerId()).then().statusCode(403);
        given().delete("/api/v1/customers/" + d.answer().customerId()).then().statusCode(401);
        given().header("Authorization", Api.hq()).delete("/api/v1/customers/" + d.answer().customerId()).then().statusCode(204);

        Row order = one("SELECT customer_phone, customer_name, payload, customer_key FROM service_order WHERE order_id = $1",
                d.answer().orderId());
        assertNull(order.getString("customer_phone"));
        assertNull(order.getString("customer_name"));
        // (the fixture's customer id is "C-" + phone: the id stays, the phone field goes)
        assertFalse(order.getString("payload").replace(d.answer().customerId(), "").contains(d.answer().phone()));
        assertFalse(order.getString("payload").contains("\"phone\""));
        assertFalse(order.getString("payload").contains("张三"));
        Row response = one("SELECT score, comment FROM response WHERE id = $1::uuid", d.answer().responseId());
        assertEquals(3, (int) response.getShort("score"), "the anonymous score stays");
        assertFalse(response.getString("comment").contains("13812345678"));
        Row delivery = one("SELECT count(*) AS n FROM delivery d JOIN invitation i ON i.id = d.invitation_id "
                + "WHERE i.order_id = $1 AND (d.payload ? 'phone' OR d.payload ? 'name')", d.answer().orderId());
        assertEquals(0L, delivery.getLong("n"));

        Fixture.get(Api.hq(), d.caseId()).statusCode(200).body("customer", nullValue()).body("score", is(3))
                .body("notes.firstContact", is("called ***"));
        Fixture.get(sm, d.caseId()).statusCode(200).body("customer", nullValue());

        Feed.settle(pool);
        long events = Api.allEvents().stream().filter(e -> Api.is(e, "CustomerErased", "customerKey", key)).count();
        assertEquals(1, events);

        given().header("Authorization", Api.hq()).delete("/api/v1/customers/" + d.answer().customerId()).then().statusCode(204);
        Feed.settle(pool);
        assertEquals(1, Api.allEvents().stream().filter(e -> Api.is(e, "CustomerErased", "customerKey", key)).count(),
                "a repeated erasure changes nothing and publishes nothing");

        given().header("Authorization", Api.hq()).delete("/api/v1/customers/C-UNKNOWN-404").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
