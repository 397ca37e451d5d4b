package io.npsloop.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server the suite runs on: an embedded one with its data kept in {@code .npsloop/pgdata}, or the
 * server named by {@code NPSLOOP_DB_URL} ({@code postgresql://user:password@host:port/db} or a JDBC URL).
 */
final class Database implements AutoCloseable {

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Database(String host, int port, String adminDatabase, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Database open(Home home) {
        String url = System.getenv("NPSLOOP_DB_URL");
        Database db = url == null || url.isBlank() ? embedded(home) : external(url.trim());
        db.checkReachable();
        return db;
    }

    private static Database embedded(Home home) {
        int port = Ports.fromEnv("NPSLOOP_DB_PORT", 5532);
        Ports.requireFree(port, "the embedded PostgreSQL (NPSLOOP_DB_PORT)");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(home.state("pgdata"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Database("localhost", pg.getPort(), "postgres", "postgres", "postgres", pg);
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("cannot start the embedded PostgreSQL in .npsloop/pgdata: " + rootMessage(e));
        }
    }

    static Database external(String url) {
        URI uri;
        try {
            uri = URI.create(url.replaceFirst("^jdbc:", "").replaceFirst("^postgres://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            throw new LauncherException("NPSLOOP_DB_URL is not a URL: " + url);
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new LauncherException("NPSLOOP_DB_URL must look like postgresql://user:password@host:5432/postgres, got " + url);
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.getOrDefault("user", "postgres");
        String password = query.getOrDefault("password", "");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : "";
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Database(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password, null);
    }

    private void checkReachable() {
        try (Connection ignored = connect(adminDatabase)) {
            // reachable
        } catch (SQLException e) {
            String source = embedded == null ? " given by NPSLOOP_DB_URL" : "";
            throw new LauncherException("cannot reach PostgreSQL at " + host + ":" + port + source + ": " + rootMessage(e));
        }
    }

    /** Creates each database that does not exist yet; existing data is kept. */
    void ensureDatabases(Iterable<String> names) {
        try (Connection c = connect(adminDatabase)) {
            for (String name : names) {
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new LauncherException("cannot create the suite's databases on " + host + ":" + port + ": " + rootMessage(e));
        }
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** For people: where to point psql (no password shown). */
    String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + adminDatabase
                + (embedded != null ? "  (embedded, data in .npsloop/pgdata)" : "  (NPSLOOP_DB_URL)");
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("npsloop: the embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("").trim();
    }
}
