package io.npsloop.survey.support;

import io.npsloop.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Test helpers: orders, tokens and feed reads over HTTP. */
public final class Api {

    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 100_000_000L);

    private Api() {
    }

    public static String integration() {
        return TestTokens.bearer("INTEGRATION");
    }

    public static String hq() {
        return TestTokens.bearer("HQ_ANALYST");
    }

    /** A fresh mobile number no other test uses. */
    public static String freshPhone() {
        return "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000L);
    }

    public static Map<String, Object> order(String storeId, String phone) {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "C-" + phone);
        customer.put("phone", phone);
        customer.put("name", "张三");
        customer.put("tenureMonths", 14);
        customer.put("regionCode", "310000");
        customer.put("locality", "LOCAL");
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("orderId", "O-" + UUID.randomUUID());
        o.put("storeId", storeId);
        o.put("advisorId", "A1");
        o.put("technicianId", "T1");
        o.put("closedAt", OffsetDateTime.now().minusHours(2).withNano(0).toString());
        o.put("serviceType", "MAINTENANCE");
        o.put("paymentType", "SELF_PAY");
        o.put("visitKind", "ROUTINE");
        o.put("amountCents", 68000);
        o.put("customer", customer);
        return o;
    }

    /** Posts an order and answers the invitation token (asserting 201). */
    public static String invite(String storeId) {
        return given().header("Authorization", integration()).contentType("application/json")
                .body(order(storeId, freshPhone())).post("/api/v1/orders")
                .then().statusCode(201).extract().path("token");
    }

    /** Every numbered event so far, paging with after=next. */
    public static List<Map<String, Object>> allEvents() {
        List<Map<String, Object>> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = given().header("Authorization", TestTokens.bearer("SERVICE"))
                    .queryParam("after", after).queryParam("limit", 1000)
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = page.getList("events");
            out.addAll(events);
            long next = page.getLong("next");
            if (events.isEmpty()) {
                return out;
            }
            after = next;
        }
    }

    /** Waits (polling, up to 10 s) until an event matching the predicate is on the feed. */
    public static Map<String, Object> awaitEvent(java.util.function.Predicate<Map<String, Object>> match) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (Map<String, Object> e : allEvents()) {
                if (match.test(e)) {
                    return e;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no matching event on the feed within 10 s");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    public static boolean is(Map<String, Object> e, String type, String key, Object value) {
        return type.equals(e.get("type")) && value.equals(data(e).get(key));
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
