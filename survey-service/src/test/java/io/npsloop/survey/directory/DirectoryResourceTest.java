package io.npsloop.survey.directory;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.npsloop.survey.support.Api.data;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DirectoryResourceTest {

    static void region(String id, String name) {
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body(Map.of("id", id, "name", name)).put("/api/v1/regions/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static void store(String id, String regionId) {
        given().header("Authorization", Api.integration()).contentType("application/json")
                .body(Map.of("name", "门店 " + id, "city", "杭州", "regionId", regionId,
                        "networks", java.util.List.of("192.168.10.0/24"),
                        "alertRecipients", Map.of("STORE_MANAGER", "wx-mgr-" + id, "GENERAL_MANAGER", "wx-gm-" + id)))
                .put("/api/v1/stores/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void crudAndEvents() {
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"id\": \"R-E\", \"name\": \"华东\"}").post("/api/v1/regions").then().statusCode(201)
                .header("Location", containsString("/api/v1/regions/R-E")).body("id", is("R-E"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"id\": \"R-E\", \"name\": \"华东\"}").post("/api/v1/regions").then().statusCode(409);
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"id\": \"D-1\", \"name\": \"西湖店\", \"city\": \"杭州\", \"regionId\": \"R-E\", "
                        + "\"networks\": [\"10.1.0.0/16\"], \"alertRecipients\": {\"STORE_MANAGER\": \"u1\"}}")
                .post("/api/v1/stores").then().statusCode(201).header("Location", containsString("/api/v1/stores/D-1"))
                .body("status", is("ACTIVE")).body("networks", contains("10.1.0.0/16"));
        given().header("Authorization", Api.hq()).get("/api/v1/stores/D-1").then().statusCode(200)
                .body("name", is("西湖店")).body("regionId", is("R-E")).body("alertRecipients.STORE_MANAGER", is("u1"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"name\": \"西湖旗舰店\", \"regionId\": \"R-E\"}").put("/api/v1/stores/D-1").then().statusCode(200)
                .body("name", is("西湖旗舰店"));
        Map<String, Object> e = Api.awaitEvent(ev -> Api.is(ev, "StoreUpserted", "storeId", "D-1")
                && "西湖旗舰店".equals(data(ev).get("name")));
        assertEquals("R-E", data(e).get("regionId"));
        assertEquals("ACTIVE", data(e).get("status"));
        Api.awaitEvent(ev -> Api.is(ev, "RegionUpserted", "regionId", "R-E"));
        given().header("Authorization", Api.hq()).delete("/api/v1/regions/R-E").then().statusCode(409);
        given().header("Authorization", Api.hq()).delete("/api/v1/stores/D-1").then().statusCode(204);
        given().header("Authorization", Api.hq()).get("/api/v1/stores/D-1").then().statusCode(404);
        given().header("Authorization", Api.hq()).delete("/api/v1/regions/R-E").then().statusCode(204);
    }

    @Test
    void validation() {
        region("R-V", "V");
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"name\": \"x\", \"regionId\": \"NOPE\"}").put("/api/v1/stores/V-1").then().statusCode(400)
                .body("invalidParams.name", hasItem("regionId"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"name\": \"x\", \"regionId\": \"R-V\", \"networks\": [\"10.0.0.0/33\"]}").put("/api/v1/stores/V-1")
                .then().statusCode(400).body("invalidParams.name", hasItem("networks[0]"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"name\": \"x\", \"regionId\": \"R-V\", \"alertRecipients\": {\"JANITOR\": \"u\"}}").put("/api/v1/stores/V-1")
                .then().statusCode(400).body("invalidParams.name", hasItem("alertRecipients.JANITOR"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"regionId\": \"R-V\"}").put("/api/v1/stores/V-1").then().statusCode(400)
                .body("invalidParams.name", hasItem("name"));
        given().header("Authorization", Api.hq()).contentType("application/json")
                .body("{\"name\": \"x\", \"regionId\": \"R-V\", \"color\": 1}").put("/api/v1/stores/V-1").then().statusCode(400)
                .body("invalidParams.name", hasItem("color"));
    }

    @Test
    void scopingAndAuth() {
        region("R-A", "A");
        region("R-B", "B");
        store("SC-1", "R-A");
        store("SC-2", "R-A");
        store("SC-3", "R-B");
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "SC-1")).get("/api/v1/stores")
                .then().statusCode(200).body("items.id", contains("SC-1"));
        given().header("Authorization", TestTokens.bearer("SERVICE_ADVISOR", "SC-1")).get("/api/v1/stores/SC-3")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.regionToken("REGION_MANAGER", "R-A")).get("/api/v1/stores")
                .then().statusCode(200).body("items.id", hasItem("SC-2")).body("items.id", not(hasItem("SC-3")));
        given().header("Authorization", "Bearer " + TestTokens.regionToken("REGION_MANAGER", "R-A")).get("/api/v1/stores/SC-1")
                .then().statusCode(200);
        given().header("Authorization", Api.hq()).queryParam("ids", "SC-3").queryParam("ids", "NOPE")
                .queryParam("ids", "SC-1").get("/api/v1/stores").then().statusCode(200).body("items.id", contains("SC-3", "SC-1"));
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "SC-1")).queryParam("ids", "SC-3")
                .queryParam("ids", "SC-1").get("/api/v1/stores").then().statusCode(200).body("items.id", contains("SC-1"));
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "SC-1")).get("/api/v1/regions").then().statusCode(200)
                .body("items.id", hasItem("R-A"));
        given().get("/api/v1/stores").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("GENERAL_MANAGER", "SC-1")).contentType("application/json")
                .body("{\"name\": \"x\", \"regionId\": \"R-A\"}").put("/api/v1/stores/SC-1").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("REGION_MANAGER")).contentType("application/json")
                .body("{\"id\": \"R-Z\", \"name\": \"Z\"}").post("/api/v1/regions").then().statusCode(403);
        given().header("Authorization", Api.hq()).queryParam("limit", 2).get("/api/v1/stores").then().statusCode(200)
                .body("items.size()", is(2)).body("next", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void csvImportOfStores() {
        region("R-CSV", "CSV");
        String csv = "id,name,city,regionId,networks,alertRecipients\n"
                + "CSV-1,\"一号店, 滨江\",杭州,R-CSV,10.9.0.0/16;10.10.0.0/16,STORE_MANAGER=u1;GENERAL_MANAGER=u2\n"
                + "CSV-2,二号店,杭州,NOPE,,\n"
                + "bad id,x,y,R-CSV,,\n"
                + "CSV-3,三号店,宁波,R-CSV,not-a-cidr,\n"
                + "CSV-4,四号店,宁波,R-CSV,,\n";
        given().header("Authorization", Api.hq()).contentType("text/csv; charset=UTF-8").body(csv).post("/api/v1/stores/import")
                .then().statusCode(200).body("accepted", is(2)).body("rejected.line", contains(3, 4, 5));
        given().header("Authorization", Api.hq()).get("/api/v1/stores/CSV-1").then().statusCode(200)
                .body("name", is("一号店, 滨江")).body("networks", contains("10.9.0.0/16", "10.10.0.0/16"))
                .body("alertRecipients.GENERAL_MANAGER", is("u2"));
    }
}
