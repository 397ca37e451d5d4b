package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Outside the local run (npsloop.dev.token-signing unset/false) the dev token endpoint does not exist. */
@QuarkusTest
@TestProfile(DevTokenDisabledTest.Production.class)
class DevTokenDisabledTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("npsloop.dev.token-signing", "false");
        }
    }

    @Test
    void devTokenIsNotFound() {
        given().queryParam("role", "HQ_ANALYST").get("/dev/token").then().statusCode(404);
        given().get("/dev/token/roles").then().statusCode(404);
    }
}
