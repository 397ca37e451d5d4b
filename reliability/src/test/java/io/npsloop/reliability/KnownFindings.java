package io.npsloop.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Service bugs these tests found that belong to other modules' owners (reliability/FINDINGS.md). Each entry
 * narrows one assertion; delete the entry when its finding is fixed so the assertion is whole again.
 */
final class KnownFindings {
    private KnownFindings() {
    }

    /**
     * F1: after a PostgreSQL restart the JDBC-based "Database migrations" readiness check can stay DOWN for good
     * ("Sorry, acquisition timeout!": Flyway's info() leaks the connection whose metadata read failed, and the
     * Agroal pool has max-size 2), although the reactive pool serves requests again.
     */
    static final Set<String> READINESS_CHECKS_STUCK_AFTER_OUTAGE = Set.of("Database migrations");

    /**
     * F3: analytics-service and referral-service answer a missing, expired, wrongly signed or malformed bearer
     * token with a bare 401 (no body, no Content-Type) instead of problem+json; survey-service maps it.
     * F4: analytics-service answers a valid token of a role its endpoint does not allow with a bare 403.
     */
    static final Set<String> BARE_401_SERVICES = Set.of("analytics", "referral");
    static final Set<String> BARE_403_SERVICES = Set.of("analytics");

    static boolean bare401(String service, Http.Resp r) {
        boolean empty = r.body() == null || r.body().isEmpty();
        return empty && (r.status() == 401 && BARE_401_SERVICES.contains(service)
                || r.status() == 403 && BARE_403_SERVICES.contains(service));
    }

    /**
     * F5: requests the HTTP layer turns away before the application (URI longer than Vert.x' 4 KiB initial line:
     * 414; analytics' body limit: 413) get a bare status without problem+json.
     */
    static boolean bareHttpLayer(Http.Resp r) {
        return (r.status() == 414 || r.status() == 413 || r.status() == 431) && (r.body() == null || r.body().isEmpty());
    }

    /**
     * F6: survey-service answers 500 when a path parameter holds a NUL byte (%00): PostgreSQL rejects 0x00 in text
     * (SQLSTATE 22021) and ProblemMappers.unexpected maps it to 500 instead of 400/404.
     */
    static boolean nulByte500(String service, Fuzzer.Req req, Http.Resp r) {
        return service.equals("survey") && r.status() == 500 && req.url().contains("%00");
    }

    /** Readiness UP, or DOWN only because of the checks above. */
    static boolean readyApartFromKnown(Svc s) {
        Http.Resp r = Http.get(s.url() + "/q/health/ready", null);
        if (r.status() == 200) {
            return true;
        }
        if (r.status() != 503 || r.body() == null) {
            return false;
        }
        try {
            for (JsonNode check : Fuzzer.JSON.readTree(r.body()).path("checks")) {
                if (!"UP".equals(check.path("status").asText())
                        && !READINESS_CHECKS_STUCK_AFTER_OUTAGE.contains(check.path("name").asText())) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
