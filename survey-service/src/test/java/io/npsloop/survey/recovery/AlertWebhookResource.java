package io.npsloop.survey.recovery;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** WireMock standing in for the chain's alert gateway; every recovery test class declares it (one app config). */
public class AlertWebhookResource implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/alerts")
                .atPriority(10).willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
        return Map.of("npsloop.recovery.alerts.webhook-url", server.baseUrl() + "/alerts");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
