package io.npsloop.analytics.health;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Ready only when the schema is at the version this build expects (no pending or failed migration). Flyway migrates
 * only at start, so once the schema is seen up to date it stays so for this process: later probes answer from memory.
 * That keeps readiness off the small JDBC pool, which a probe failing mid-outage could leave without connections
 * (reliability/FINDINGS.md F1); database reachability is the reactive datasource's own readiness check.
 */
@Readiness
@Blocking
@ApplicationScoped
public class MigrationsHealthCheck implements HealthCheck {

    private final Flyway flyway;
    private volatile HealthCheckResponse upToDate;

    MigrationsHealthCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse known = upToDate;
        if (known != null) {
            return known;
        }
        try {
            var info = flyway.info();
            MigrationInfo current = info.current();
            int pending = info.pending().length;
            boolean failed = java.util.Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
            HealthCheckResponse response = HealthCheckResponse.named("Database migrations")
                    .status(pending == 0 && !failed && current != null)
                    .withData("version", current == null ? "none" : current.getVersion().getVersion())
                    .withData("pending", pending)
                    .build();
            if (response.getStatus() == HealthCheckResponse.Status.UP) {
                upToDate = response;
            }
            return response;
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("Database migrations").down().withData("error", e.getMessage()).build();
        }
    }
}
