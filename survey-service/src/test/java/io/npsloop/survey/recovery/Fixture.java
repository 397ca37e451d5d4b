package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Recovery test helpers: configured stores, detractor/passive responses, case calls. */
final class Fixture {

    static final String REGION = "R-REC";
    static final String OTHER_REGION = "R-OTHER";

    private Fixture() {
    }

    /** Creates (idempotently) a configured store in {@code region} with an alert recipient per management role. */
    static void store(String storeId, String region) {
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body(Map.of("name", "Region " + region)).put("/api/v1/regions/" + region).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Store " + storeId);
        body.put("city", "上海");
        body.put("regionId", region);
        body.put("alertRecipients", Map.of("STORE_MANAGER", "sm-" + storeId, "TECHNICAL_DIRECTOR", "td-" + storeId,
                "SERVICE_DIRECTOR", "sd-" + storeId, "GENERAL_MANAGER", "gm-" + storeId));
        given().header("Authorization", Api.hq()).contentType("application/json").body(body)
                .put("/api/v1/stores/" + storeId).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static void store(String storeId) {
        store(storeId, REGION);
    }

    /** A submitted response: its ids and the customer's contact data. */
    record Answered(String responseId, String orderId, String phone, String customerId) {
    }

    static Answered answer(String storeId, String json) {
        String phone = Api.freshPhone();
        Map<String, Object> order = Api.order(storeId, phone);
        String token = given().header("Authorization", Api.integration()).contentType("application/json")
                .body(order).post("/api/v1/orders").then().statusCode(201).extract().path("token");
        String responseId = given().contentType("application/json").body(json)
                .post("/api/v1/surveys/" + token + "/response").then().statusCode(201).extract().path("responseId");
        return new Answered(responseId, (String) order.get("orderId"), phone, "C-" + phone);
    }

    /** A detractor answer and its case id (found as HQ by responseId). */
    record Detractor(String caseId, Answered answer) {
    }

    static Detractor detractor(String storeId, int score) {
        Answered a = answer(storeId, "{\"score\": " + score + ", \"comment\": \"态度很差,打我电话 13812345678\", "
                + "\"reasons\": [\"ATTITUDE\"]}");
        String caseId = caseOf(a.responseId());
        return new Detractor(caseId, a);
    }

    static String caseOf(String responseId) {
        List<Map<String, Object>> items = given().header("Authorization", Api.hq()).queryParam("limit", 500)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> responseId.equals(i.get("responseId"))).map(i -> (String) i.get("id"))
                .findFirst().orElse(null);
    }

    static String bearer(String role, String... stores) {
        return "Bearer " + TestTokens.token(role, stores);
    }

    static ValidatableResponse get(String auth, String caseId) {
        return given().header("Authorization", auth).get("/api/v1/cases/" + caseId).then();
    }

    static ValidatableResponse action(String auth, String caseId, String action, Object body) {
        return given().header("Authorization", auth).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + action).then();
    }

    static long count(String type, String caseId) {
        return Api.allEvents().stream().filter(e -> Api.is(e, type, "caseId", caseId)).count();
    }
}
