package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** The three services, mocked at the HTTP level: one WireMock server each, on free ports. */
public class MockServices implements QuarkusTestResourceLifecycleManager {

    private WireMockServer survey;
    private WireMockServer analytics;
    private WireMockServer referral;

    @Override
    public Map<String, String> start() {
        survey = new WireMockServer(options().dynamicPort().containerThreads(20));
        analytics = new WireMockServer(options().dynamicPort().containerThreads(20));
        referral = new WireMockServer(options().dynamicPort().containerThreads(20));
        survey.start();
        analytics.start();
        referral.start();
        return Map.of(
                "quarkus.rest-client.survey.url", survey.baseUrl(),
                "quarkus.rest-client.analytics.url", analytics.baseUrl(),
                "quarkus.rest-client.referral.url", referral.baseUrl());
    }

    @Override
    public void stop() {
        for (WireMockServer s : new WireMockServer[] {survey, analytics, referral}) {
            if (s != null) {
                s.stop();
            }
        }
    }
}
