package io.npsloop.referral.health;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Ready only when the schema is at the version this build expects (no pending or failed migration). */
@Readiness
@Blocking
@ApplicationScoped
public class MigrationsHealthCheck implements HealthCheck {

    private final Flyway flyway;

    MigrationsHealthCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            var info = flyway.info();
            MigrationInfo current = info.current();
            int pending = info.pending().length;
            boolean failed = java.util.Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed());
            return HealthCheckResponse.named("Database migrations")
                    .status(pending == 0 && !failed && current != null)
                    .withData("version", current == null ? "none" : current.getVersion().getVersion())
                    .withData("pending", pending)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("Database migrations").down().withData("error", e.getMessage()).build();
        }
    }
}
