package io.npsloop.survey.recovery;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.npsloop.survey.recovery.alert.Signatures;
import io.npsloop.survey.support.Api;
import io.npsloop.survey.support.WireMockResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intake's invitation webhook carries the same HMAC signature as alerts when a secret is configured. */
@QuarkusTest
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AlertWebhookResource.class, restrictToAnnotatedClass = true)
class WebhookSigningTest {

    @Test
    void invitationDeliveriesAreSigned() {
        String invitationId = io.restassured.RestAssured.given().header("Authorization", Api.integration())
                .contentType("application/json").body(Api.order("S-SIGN-1", Api.freshPhone())).post("/api/v1/orders")
                .then().statusCode(201).extract().path("invitationId");
        List<LoggedRequest> got = List.of();
        long end = System.currentTimeMillis() + 15_000;
        while (got.isEmpty() && System.currentTimeMillis() < end) {
            Api.sleep(50);
            got = WireMockResource.server.findAll(postRequestedFor(urlEqualTo("/hook"))
                    .withRequestBody(matchingJsonPath("$.invitationId", equalTo(invitationId))));
        }
        assertFalse(got.isEmpty(), "the invitation was delivered");
        LoggedRequest r = got.get(0);
        assertTrue(Signatures.verify("test-webhook-secret", r.getHeader(Signatures.HEADER), r.getBodyAsString()));
        assertFalse(Signatures.verify("test-webhook-secret", r.getHeader(Signatures.HEADER), r.getBodyAsString() + " "));
    }
}
