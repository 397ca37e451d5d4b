package io.npsloop.launcher;

import java.util.List;

/** One of the suite's four services as the launcher starts it. */
record Service(String name, String module, String portVariable, int defaultPort, String database) {

    static final List<Service> ALL = List.of(
            new Service("survey", "survey-service", "NPSLOOP_SURVEY_PORT", 8081, "npsloop_survey"),
            new Service("referral", "referral-service", "NPSLOOP_REFERRAL_PORT", 8083, "npsloop_referral"),
            new Service("analytics", "analytics-service", "NPSLOOP_ANALYTICS_PORT", 8082, "npsloop_analytics"),
            new Service("gateway", "gateway", "NPSLOOP_GATEWAY_PORT", 8080, null));

    int port() {
        return Ports.fromEnv(portVariable, defaultPort);
    }

    String baseUrl() {
        return "http://localhost:" + port();
    }

    static Service named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }
}
