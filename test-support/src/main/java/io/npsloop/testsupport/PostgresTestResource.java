package io.npsloop.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points the Quarkus app under test at a fresh database of the JVM-wide {@link SharedPostgres}: both the JDBC
 * URL (Flyway migrations) and the reactive URL (the application's queries).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedPostgres.Database db = SharedPostgres.freshDatabase();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password(),
                "npsloop.test.database-name", db.name());
    }

    @Override
    public void stop() {
        // The database is left for post-mortem inspection; the embedded server (and its data) goes with the JVM.
    }
}
