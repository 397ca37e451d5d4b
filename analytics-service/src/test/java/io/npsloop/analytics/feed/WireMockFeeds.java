package io.npsloop.analytics.feed;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** survey-service's and referral-service's feeds, played by one WireMock server. */
public class WireMockFeeds implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("quarkus.rest-client.survey.url", server.baseUrl() + "/survey",
                "quarkus.rest-client.referral.url", server.baseUrl() + "/referral");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
