package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class PassiveResourceTest {

    static final String S = "S-PAS-1";

    private static Map<String, Object> item(String auth, String responseId, String type) {
        List<Map<String, Object>> items = given().header("Authorization", auth).queryParam("storeId", S)
                .queryParam("limit", 500).queryParam("type", type).get("/api/v1/passives")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> responseId.equals(i.get("responseId"))).findFirst().orElse(null);
    }

    @Test
    void passivesAreTypedWithTheRecommendedActionListedAndDone() {
        Fixture.store(S);
        Fixture.store("S-PAS-2");
        String sm = Fixture.bearer("STORE_MANAGER", S);
        Fixture.Answered economic = Fixture.answer(S, "{\"score\": 7, \"reasons\": [\"PRICE\"]}");
        Fixture.Answered lazy = Fixture.answer(S, "{\"score\": 8}");
        Fixture.Answered emotional = Fixture.answer(S, "{\"score\": 8, \"ratings\": {\"care\": 3, \"professionalism\": 5}}");
        Fixture.Answered rational = Fixture.answer(S, "{\"score\": 7, \"reasons\": [\"WAIT_TIME\"]}");

        Map<String, Object> e = item(sm, economic.responseId(), "ECONOMIC");
        assertEquals("ADDED_VALUE_SERVICE", e.get("action"));
        assertEquals(7, e.get("score"));
        assertEquals("OPEN", e.get("status"));
        assertEquals(List.of("PRICE"), e.get("reasons"));
        @SuppressWarnings("unchecked") Map<String, Object> customer = (Map<String, Object>) e.get("customer");
        assertEquals(economic.phone(), customer.get("phone"));
        assertEquals("REFERRAL_QR", item(sm, lazy.responseId(), "LAZY").get("action"));
        assertEquals("HUMAN_TOUCH", item(sm, emotional.responseId(), "EMOTIONAL").get("action"));
        assertEquals("VEHICLE_HEALTH_REPORT", item(sm, rational.responseId(), "RATIONAL").get("action"));
        assertEquals(null, item(sm, lazy.responseId(), "ECONOMIC"), "type filter");

        JsonPath page = given().header("Authorization", sm).queryParam("storeId", S).queryParam("limit", 2)
                .get("/api/v1/passives").then().statusCode(200).extract().jsonPath();
        assertEquals(2, page.getList("items").size());
        assertEquals(4, page.getInt("total"), "total counts the store's list, not the page");
        String next = page.getString("next");
        given().header("Authorization", sm).queryParam("storeId", S).queryParam("limit", 2).queryParam("after", next)
                .get("/api/v1/passives").then().statusCode(200).body("items.size()", is(2)).body("next", nullValue())
                .body("total", is(4));

        String id = (String) e.get("id");
        given().header("Authorization", Fixture.bearer("STORE_MANAGER", "S-PAS-2")).post("/api/v1/passives/" + id + "/done")
                .then().statusCode(403);
        given().header("Authorization", Fixture.bearer("SERVICE_ADVISOR", S)).post("/api/v1/passives/" + id + "/done")
                .then().statusCode(403);
        given().header("Authorization", Api.hq()).post("/api/v1/passives/" + id + "/done").then().statusCode(403);
        given().header("Authorization", sm).post("/api/v1/passives/" + id + "/done").then().statusCode(200)
                .body("status", is("DONE")).body("doneAt", notNullValue());
        given().header("Authorization", sm).post("/api/v1/passives/" + id + "/done").then().statusCode(409);
        given().header("Authorization", sm).post("/api/v1/passives/00000000-0000-0000-0000-000000000000/done")
                .then().statusCode(404);
        given().header("Authorization", sm).queryParam("storeId", S).queryParam("status", "DONE").get("/api/v1/passives")
                .then().statusCode(200).body("items.id", hasItem(id));

        // visibility: advisors not at all; other store 403; HQ all with contact (audited)
        given().header("Authorization", Fixture.bearer("SERVICE_ADVISOR", S)).get("/api/v1/passives").then().statusCode(403);
        given().header("Authorization", Fixture.bearer("STORE_MANAGER", "S-PAS-2")).queryParam("storeId", S)
                .get("/api/v1/passives").then().statusCode(403);
        given().get("/api/v1/passives").then().statusCode(401);
        given().header("Authorization", sm).queryParam("type", "GREEDY").get("/api/v1/passives").then().statusCode(400);
        List<Map<String, Object>> audit = given().header("Authorization", Api.hq()).queryParam("caseId", id)
                .queryParam("limit", 500).get("/api/v1/audit/disclosures").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(audit.stream().anyMatch(r -> "PASSIVE".equals(r.get("subjectKind")) && "test-store_manager".equals(r.get("actor"))));
        // passives never open a case
        assertEquals(null, Fixture.caseOf(economic.responseId()));
    }
}
