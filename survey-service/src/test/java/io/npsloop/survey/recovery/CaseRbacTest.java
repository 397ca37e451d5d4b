package io.npsloop.survey.recovery;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sees what: every row of the visibility rules (README "Recovery"), and the disclosure audit. */
@QuarkusTest
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class CaseRbacTest {

    static final String S = "S-RBAC-1";
    static final String OTHER = "S-RBAC-2";

    @BeforeEach
    void stores() {
        Fixture.store(S, Fixture.REGION);
        Fixture.store(OTHER, Fixture.OTHER_REGION);
    }

    private static void seesContact(String auth, String id, String phone) {
        Fixture.get(auth, id).statusCode(200).body("customer.phone", is(phone)).body("customer.name", is("张三"))
                .body("comment", is("态度很差,打我电话 13812345678")).body("commentMasked", is(false));
    }

    private static void seesCaseWithoutContact(String auth, String id) {
        Fixture.get(auth, id).statusCode(200).body("customer", nullValue()).body("commentMasked", is(true))
                .body("comment", not(org.hamcrest.Matchers.containsString("13812345678")));
    }

    private static List<Map<String, Object>> disclosures(String caseId) {
        return given().header("Authorization", Api.hq()).queryParam("caseId", caseId).queryParam("limit", 500)
                .get("/api/v1/audit/disclosures").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void contactDataOnlyToOwnerAndAboveHqAndRegion() {
        Fixture.Detractor d = Fixture.detractor(S, 2);
        String id = d.caseId();
        String phone = d.answer().phone();
        // owner STORE_MANAGER: itself and everyone above at the store, HQ, the region's manager
        seesContact(Fixture.bearer("STORE_MANAGER", S), id, phone);
        seesContact(Fixture.bearer("TECHNICAL_DIRECTOR", S), id, phone);
        seesContact(Fixture.bearer("SERVICE_DIRECTOR", S), id, phone);
        seesContact(Fixture.bearer("GENERAL_MANAGER", S), id, phone);
        seesContact(Api.hq(), id, phone);
        seesContact("Bearer " + TestTokens.regionToken("REGION_MANAGER", Fixture.REGION), id, phone);
        // not the advisor, not another store's manager, not another region's manager, not a machine
        Fixture.get(Fixture.bearer("SERVICE_ADVISOR", S), id).statusCode(403).contentType("application/problem+json");
        Fixture.get(Fixture.bearer("STORE_MANAGER", OTHER), id).statusCode(403);
        Fixture.get(Fixture.bearer("GENERAL_MANAGER", OTHER), id).statusCode(403);
        Fixture.get("Bearer " + TestTokens.regionToken("REGION_MANAGER", Fixture.OTHER_REGION), id).statusCode(403);
        Fixture.get(Fixture.bearer("SERVICE"), id).statusCode(403);
        Fixture.get(Fixture.bearer("INTEGRATION"), id).statusCode(403);
        // no token, expired token, wrong key
        given().get("/api/v1/cases/" + id).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.expired("STORE_MANAGER", S)).get("/api/v1/cases/" + id)
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.signedWithWrongKey("HQ_ANALYST")).get("/api/v1/cases/" + id)
                .then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.signedWithWrongKey("HQ_ANALYST")).get("/api/v1/cases")
                .then().statusCode(401);

        // the SOP moves the case to the GENERAL_MANAGER: the store manager and the service director lose the contact data
        String sm = Fixture.bearer("STORE_MANAGER", S);
        Fixture.action(sm, id, "first-contact", Map.of("notes", "n")).statusCode(200);
        Fixture.action(sm, id, "classification", Map.of("problemType", "ATTITUDE", "scope", "MULTIPLE")).statusCode(200)
                .body("ownerRole", is("GENERAL_MANAGER")).body("customer", nullValue());
        seesCaseWithoutContact(sm, id);
        seesCaseWithoutContact(Fixture.bearer("TECHNICAL_DIRECTOR", S), id);
        seesCaseWithoutContact(Fixture.bearer("SERVICE_DIRECTOR", S), id);
        seesContact(Fixture.bearer("GENERAL_MANAGER", S), id, phone);
        seesContact(Api.hq(), id, phone);
        // and may no longer act on it
        Fixture.action(sm, id, "remedy", Map.of("apology", "a", "compensation", "b", "processFix", "c")).statusCode(403);
        Fixture.action(Fixture.bearer("GENERAL_MANAGER", OTHER), id, "remedy",
                Map.of("apology", "a", "compensation", "b", "processFix", "c")).statusCode(403);
        Fixture.action(Api.hq(), id, "close", Map.of("outcome", "ABANDONED", "reason", "r")).statusCode(403);
        Fixture.action(Fixture.bearer("SERVICE_ADVISOR", S), id, "close", Map.of("outcome", "ABANDONED", "reason", "r"))
                .statusCode(403);
        Fixture.get(sm, id).statusCode(200).body("stage", is("REMEDY")).body("status", is("OPEN"));

        // every disclosure is in the audit log: who, when, which case; non-disclosing reads are not
        List<Map<String, Object>> rows = disclosures(id);
        List<Object> actors = rows.stream().map(r -> r.get("actor")).toList();
        assertTrue(actors.contains("test-store_manager"));
        assertTrue(actors.contains("test-general_manager"));
        assertTrue(actors.contains("test-hq_analyst"));
        assertTrue(actors.contains("test-region_manager"));
        assertTrue(!actors.contains("test-service_advisor"));
        long smRows = rows.stream().filter(r -> "test-store_manager".equals(r.get("actor"))).count();
        assertEquals(2, smRows, "store manager: GET + first-contact answer while owner; nothing after losing access"
                + " — got " + rows);
        rows.forEach(r -> {
            assertEquals(id, r.get("subjectId"));
            assertEquals("CASE", r.get("subjectKind"));
            assertEquals(S, r.get("storeId"));
            assertTrue(((String) r.get("disclosedAt")).endsWith("+08:00"));
        });
    }

    @Test
    void listsAreScopedAndAudited() {
        String mine = Fixture.detractor(S, 3).caseId();
        String theirs = Fixture.detractor(OTHER, 3).caseId();
        JsonPath page = given().header("Authorization", Fixture.bearer("STORE_MANAGER", S)).queryParam("limit", 500)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
        List<String> ids = page.getList("items.id");
        assertTrue(ids.contains(mine));
        assertTrue(!ids.contains(theirs));
        assertTrue(page.getList("items.storeId").stream().allMatch(S::equals));
        // total counts the scoped list, not the page: a one-item page of the same list says the same total
        int scoped = page.getList("items").size();
        assertEquals(scoped, page.getInt("total"));
        given().header("Authorization", Fixture.bearer("STORE_MANAGER", S)).queryParam("limit", 1)
                .get("/api/v1/cases").then().statusCode(200).body("items.size()", is(1)).body("total", is(scoped));
        given().header("Authorization", "Bearer " + TestTokens.regionToken("REGION_MANAGER", Fixture.OTHER_REGION))
                .queryParam("limit", 500).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(theirs)).body("items.id", not(hasItem(mine)));
        given().header("Authorization", Api.hq()).queryParam("limit", 500).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", hasItem(theirs)).body("items.id", hasItem(mine))
                .body("items.find { it.id == '" + mine + "' }.customer.phone", notNullValue());
        given().header("Authorization", Fixture.bearer("SERVICE_ADVISOR", S)).get("/api/v1/cases").then().statusCode(403);
        given().header("Authorization", Fixture.bearer("STORE_MANAGER", S)).queryParam("storeId", OTHER)
                .get("/api/v1/cases").then().statusCode(403);
        given().get("/api/v1/cases").then().statusCode(401);
        assertTrue(disclosures(mine).stream().anyMatch(r -> "GET /api/v1/cases".equals(r.get("via"))
                && "test-store_manager".equals(r.get("actor"))));
        assertTrue(disclosures(theirs).stream().noneMatch(r -> "test-store_manager".equals(r.get("actor"))));
    }

    @Test
    void auditLogIsForHqOnly() {
        for (String role : List.of("SERVICE_ADVISOR", "STORE_MANAGER", "GENERAL_MANAGER", "SERVICE")) {
            given().header("Authorization", Fixture.bearer(role, S)).get("/api/v1/audit/disclosures").then().statusCode(403);
        }
        given().get("/api/v1/audit/disclosures").then().statusCode(401);
        given().header("Authorization", Api.hq()).queryParam("caseId", "nope").get("/api/v1/audit/disclosures")
                .then().statusCode(400).body("invalidParams.name", hasItem("caseId"));
    }
}
