package io.npsloop.survey.order;

import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.MutableClock;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.npsloop.survey.support.Api.data;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OrderResourceTest {

    @Inject
    MutableClock clock;

    private static io.restassured.response.ValidatableResponse post(Object body) {
        return given().header("Authorization", Api.integration()).contentType("application/json").body(body)
                .post("/api/v1/orders").then();
    }

    @Test
    void createsInvitationAndRetryIsIdempotent() {
        Map<String, Object> order = Api.order("S-ORD-1", Api.freshPhone());
        String token = post(order).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/invitations/[0-9a-f-]{36}"))
                .body("invited", is(true))
                .body("token", matchesPattern("[A-Za-z0-9_-]{32}"))
                .body("surveyUrl", endsWith("/s/" + post(order).statusCode(200).extract().path("token")))
                .body("expiresAt", notNullValue())
                .extract().path("token");
        post(order).statusCode(200).body("token", is(token)).body("invited", is(true));

        order.put("amountCents", 1);
        post(order).statusCode(409).contentType("application/problem+json");
    }

    @Test
    void publishesOrderCompletedAndInvitationCreatedWithoutPhoneOrName() {
        String phone = "+86 138-0013-" + Api.freshPhone().substring(7);
        Map<String, Object> order = Api.order("S-ORD-2", phone);
        ((Map<String, Object>) order.get("customer")).put("plate", "沪A·12345");
        String location = post(order).statusCode(201).extract().header("Location");
        String orderId = (String) order.get("orderId");
        Map<String, Object> completed = Api.awaitEvent(e -> Api.is(e, "OrderCompleted", "orderId", orderId));
        Map<String, Object> d = data(completed);
        assertEquals("S-ORD-2", d.get("storeId"));
        assertEquals("MID", d.get("spendBand"));
        assertEquals("OLD", d.get("tenure"));
        assertEquals(Boolean.TRUE, d.get("invited"));
        assertTrue(((String) d.get("customerKey")).matches("[0-9a-f]{64}"));
        assertTrue(((String) d.get("plateKey")).matches("[0-9a-f]{64}"));
        assertTrue(d.get("closedAt").toString().endsWith("+08:00"));
        assertEquals(68000, d.get("amountCents"));
        assertEquals("MAINTENANCE", d.get("serviceType"));
        assertEquals("A1", d.get("advisorId"));
        Map<String, Object> created = Api.awaitEvent(e -> Api.is(e, "InvitationCreated", "orderId", orderId));
        Map<String, Object> c = data(created);
        assertEquals(d.get("customerKey"), c.get("customerKey"));
        assertTrue(location.endsWith("/api/v1/invitations/" + c.get("invitationId")), location);
        assertTrue(c.get("expiresAt").toString().endsWith("+08:00"));
        assertTrue(c.get("createdAt").toString().endsWith("+08:00"));
        // the invitation carries the order's segment, and nothing that identifies the customer beyond the key
        for (String key : new String[] {"storeId", "spendBand", "tenure", "serviceType", "visitKind", "locality", "amountCents"}) {
            assertEquals(d.get(key), c.get(key), key);
        }
        assertNull(c.get("plateKey"));
        String all = Api.allEvents().toString();
        assertFalse(all.contains(phone.substring(phone.length() - 4) + ",") && all.contains("张三"));
        assertFalse(all.contains("张三"));
        // the number in any spelling (a bare "0013" would also match the hex of keys and ids by chance)
        String national = phone.replaceAll("\\D", "").substring(2);
        assertFalse(all.contains(national), national);
        assertFalse(all.contains("138-0013-"));
        assertFalse(all.contains(national.substring(3)), "the number without its prefix");
    }

    @Test
    void unknownStoreBecomesUnconfigured() {
        post(Api.order("S-NEW-77", Api.freshPhone())).statusCode(201);
        given().header("Authorization", Api.hq()).get("/api/v1/stores/S-NEW-77").then().statusCode(200)
                .body("status", is("UNCONFIGURED")).body("regionId", nullValue());
        given().header("Authorization", Api.hq()).queryParam("status", "UNCONFIGURED").get("/api/v1/stores")
                .then().statusCode(200).body("items.id", hasItem("S-NEW-77"));
        Api.awaitEvent(e -> Api.is(e, "StoreUpserted", "storeId", "S-NEW-77"));
    }

    @Test
    void authFailures() {
        given().contentType("application/json").body(Api.order("S1", Api.freshPhone())).post("/api/v1/orders")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.expired("INTEGRATION")).contentType("application/json")
                .body(Api.order("S1", Api.freshPhone())).post("/api/v1/orders")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.signedWithWrongKey("INTEGRATION"))
                .contentType("application/json").body(Api.order("S1", Api.freshPhone())).post("/api/v1/orders")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S1")).contentType("application/json")
                .body(Api.order("S1", Api.freshPhone())).post("/api/v1/orders")
                .then().statusCode(403).contentType("application/problem+json").body("status", is(403));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body(Api.order("S1", Api.freshPhone())).post("/api/v1/orders").then().statusCode(201);
    }

    @Test
    void validationNamesFields() {
        Map<String, Object> o = Api.order("S1", Api.freshPhone());
        o.remove("closedAt");
        post(o).statusCode(400).body("invalidParams.name", hasItem("closedAt"));
        o = Api.order("S1", Api.freshPhone());
        o.put("serviceType", "CARWASH");
        post(o).statusCode(400).body("invalidParams.name", hasItem("serviceType"));
        o = Api.order("S1", Api.freshPhone());
        o.put("amountCents", "100");
        post(o).statusCode(400).body("invalidParams.name", hasItem("amountCents"));
        o = Api.order("S1", Api.freshPhone());
        o.put("amountCents", -5);
        post(o).statusCode(400).body("invalidParams.name", hasItem("amountCents"));
        o = Api.order("S1", Api.freshPhone());
        o.put("colour", "red");
        post(o).statusCode(400).body("invalidParams.name", hasItem("colour"));
        o = Api.order("S1", "abc");
        post(o).statusCode(400).body("invalidParams.name", hasItem("customer.phone"));
        post(Api.order("S1", "+86 (0) 1234 5678 9012 3456")).statusCode(400)
                .body("invalidParams.name", contains("customer.phone")).body("detail", is("customer.phone must be a phone number"));
        post("[]").statusCode(400).contentType("application/problem+json");
        post("null").statusCode(400).body("invalidParams.name", contains("order"));
    }

    @Test
    void validationNamesEveryInvalidFieldInOneAnswer() {
        Map<String, Object> o = Api.order("S 1", Api.freshPhone());
        o.put("orderId", " ");
        o.remove("visitKind");
        o.put("amountCents", -1);
        o.put("advisorId", "A".repeat(65));
        Map<String, Object> customer = (Map<String, Object>) o.get("customer");
        customer.put("tenureMonths", -3);
        customer.put("plate", "沪".repeat(17));
        post(o).statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", contains("advisorId", "amountCents", "customer.plate",
                        "customer.tenureMonths", "orderId", "storeId", "visitKind"))
                .body("detail", is("advisorId must be at most 64 characters; amountCents must be zero or more; "
                        + "customer.plate must be at most 16 characters; customer.tenureMonths must be zero or more; "
                        + "orderId is required; storeId must be 1-64 letters, digits, '_' or '-'; visitKind is required"));
        o = Api.order("", "");
        post(o).statusCode(400).body("invalidParams.findAll { it.name == 'storeId' }.reason",
                        containsInAnyOrder("is required", "must be 1-64 letters, digits, '_' or '-'"))
                .body("invalidParams.findAll { it.name == 'customer.phone' }.reason",
                        containsInAnyOrder("is required", "must be a phone number"));
        o = Api.order("S1", Api.freshPhone());
        o.remove("customer");
        post(o).statusCode(400).body("invalidParams.name", contains("customer"));
        given().header("Authorization", Api.integration()).contentType("application/json").post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void quietPeriodEdgesAcrossStores() {
        String phone = Api.freshPhone();
        post(Api.order("S-Q1", phone)).statusCode(201);
        clock.advance(Duration.ofDays(29));
        post(Api.order("S-Q2", phone)).statusCode(202)
                .body("invited", is(false)).body("suppressedBy", is("QUIET_PERIOD"))
                .body("nextEligibleAt", notNullValue());
        clock.advance(Duration.ofDays(1));
        post(Api.order("S-Q2", phone)).statusCode(201);
        clock.advance(Duration.ofDays(29));
        post(Api.order("S-Q3", phone)).statusCode(202);
        clock.advance(Duration.ofDays(2));
        post(Api.order("S-Q3", phone)).statusCode(201);
    }

    @Test
    void suppressedOrdersStillOnTheFeed() {
        String phone = Api.freshPhone();
        post(Api.order("S-Q1", phone)).statusCode(201);
        Map<String, Object> second = Api.order("S-Q4", phone);
        post(second).statusCode(202).body("orderId", is(second.get("orderId")));
        post(second).statusCode(202).body("suppressedBy", is("QUIET_PERIOD"));
        String id = (String) second.get("orderId");
        Map<String, Object> completed = Api.awaitEvent(e -> Api.is(e, "OrderCompleted", "orderId", id));
        assertEquals(Boolean.FALSE, data(completed).get("invited"));
        Map<String, Object> s = Api.awaitEvent(e -> Api.is(e, "InvitationSuppressed", "orderId", id));
        assertEquals("QUIET_PERIOD", data(s).get("suppressedBy"));
        assertEquals("S-Q4", data(s).get("storeId"));
        assertEquals("MAINTENANCE", data(s).get("serviceType"));
        assertEquals(data(completed).get("closedAt"), data(s).get("closedAt"));
        assertNull(data(s).get("customerKey"));
    }

    @Test
    void aRefusedReplayLeavesNothingOfItsFirstStatement() {
        // The first statement (sent together with BEGIN) upserts the contact's do-not-survey flag; a 409 rolls it back.
        String phone = Api.freshPhone();
        Map<String, Object> order = Api.order("S-Q6", phone);
        post(order).statusCode(201);
        ((Map<String, Object>) order.get("customer")).put("doNotSurvey", true);
        post(order).statusCode(409);
        clock.advance(Duration.ofDays(31));
        post(Api.order("S-Q6", phone)).statusCode(201).body("invited", is(true));
    }

    @Test
    void doNotSurveyFromTheOrderSystemSuppressesAsOptedOut() {
        String phone = Api.freshPhone();
        Map<String, Object> o = Api.order("S-Q1", phone);
        ((Map<String, Object>) o.get("customer")).put("doNotSurvey", true);
        post(o).statusCode(202).body("suppressedBy", is("OPTED_OUT")).body("nextEligibleAt", nullValue());
        post(Api.order("S-Q5", phone)).statusCode(202).body("suppressedBy", is("OPTED_OUT"));
    }
}
