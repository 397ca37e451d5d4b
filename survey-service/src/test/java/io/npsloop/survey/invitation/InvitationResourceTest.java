package io.npsloop.survey.invitation;

import io.npsloop.survey.support.Api;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class InvitationResourceTest {

    @Test
    void listsByStoreAndStatusWithinScopeWithoutTokens() {
        var created = given().header("Authorization", Api.integration()).contentType("application/json")
                .body(Api.order("S-INV-1", Api.freshPhone())).post("/api/v1/orders").then().statusCode(201).extract();
        String id = created.path("invitationId");
        String token = created.path("token");
        Api.invite("S-INV-2");
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S-INV-1")).get("/api/v1/invitations")
                .then().statusCode(200).body("items.id", hasItem(id)).body("items.storeId", everyItem(is("S-INV-1")))
                .body(not(org.hamcrest.Matchers.containsString(token)));
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S-INV-1")).get(created.header("Location"))
                .then().statusCode(200).body("status", is("PENDING")).body("expiresAt", notNullValue());
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S-INV-2")).get("/api/v1/invitations/" + id)
                .then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("SERVICE_ADVISOR", "S-INV-1")).get("/api/v1/invitations")
                .then().statusCode(403);
        given().header("Authorization", Api.hq()).queryParam("storeId", "S-INV-1").queryParam("status", "ANSWERED")
                .get("/api/v1/invitations").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", Api.hq()).queryParam("status", "NOPE").get("/api/v1/invitations")
                .then().statusCode(400).body("invalidParams.name", hasItem("status"));
        given().header("Authorization", Api.hq()).queryParam("limit", 1).get("/api/v1/invitations")
                .then().statusCode(200).body("items.size()", is(1)).body("next", notNullValue());
        Api.invite("S-INV-1");
        // total: the store's whole list whatever the page size
        int all = given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S-INV-1")).queryParam("limit", 500)
                .get("/api/v1/invitations").then().statusCode(200).extract().path("items.size()");
        given().header("Authorization", TestTokens.bearer("STORE_MANAGER", "S-INV-1")).queryParam("limit", 1)
                .get("/api/v1/invitations").then().statusCode(200).body("items.size()", is(1)).body("total", is(all));
    }
}
