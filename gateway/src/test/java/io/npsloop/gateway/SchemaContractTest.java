package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served SDL is the contract: it must equal the committed {@code gateway/schema.graphql}. To accept a change on
 * purpose run the tests with {@code -DupdateSchema=true} (rewrites the file) and commit it.
 */
@QuarkusTest
class SchemaContractTest extends GatewayTestBase {

    private static final Path COMMITTED = Path.of("schema.graphql");

    @Test
    void servedSchemaEqualsCommittedSchema() throws Exception {
        String live = given().header("Authorization", "Bearer " + hq()).when().get("/graphql/schema.graphql")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("updateSchema")) {
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(COMMITTED), "gateway/schema.graphql is missing; run with -DupdateSchema=true");
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8), live,
                "the live GraphQL schema differs from gateway/schema.graphql — if intended, run the tests with "
                        + "-DupdateSchema=true and commit the file");
    }

    @Test
    void schemaNeedsAToken() {
        given().when().get("/graphql/schema.graphql").then().statusCode(401);
    }
}
