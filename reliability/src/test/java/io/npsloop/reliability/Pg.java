package io.npsloop.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL on a fixed port and data directory, so it can be stopped (the outage) and started
 * again with its data: the services see refused and closed connections exactly as with a real server restart.
 */
final class Pg implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    Pg(Path dataDir) {
        this.dataDir = dataDir;
        this.port = Ports.free();
        start();
    }

    synchronized void start() {
        try {
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL on " + port, e);
        }
    }

    /** A fast shutdown: open sessions are terminated (57P01), new connections refused until {@link #start()}. */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://localhost:" + port + "/" + db;
    }

    String reactiveUrl(String db) {
        return "postgresql://localhost:" + port + "/" + db;
    }

    void createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
    }

    void execute(String db, String sql) {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String db, String sql) {
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    java.util.List<String> strings(String db, String sql) {
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Live backends of one database (leak check of the soak). */
    long connections(String db) {
        return count("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "'");
    }

    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
