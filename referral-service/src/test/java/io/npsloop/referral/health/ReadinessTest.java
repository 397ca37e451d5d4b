package io.npsloop.referral.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyReportsDatabaseAndMigrations() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.find { it.name == 'Database migrations' }.status", is("UP"))
                .body("checks.find { it.name == 'Database migrations' }.data.pending", is(0));
    }

    @Test
    void liveAndMetricsAndOpenApiAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
