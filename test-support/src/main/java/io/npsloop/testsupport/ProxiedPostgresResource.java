package io.npsloop.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fresh database that the app's reactive pool reaches through a TCP proxy a test can {@link #cut()} (every open
 * connection closed, new ones refused) and {@link #restore()}: a database outage, black-box. Flyway migrates
 * directly. Sets {@code npsloop.database-unavailable.retry-after-seconds} to {@link #RETRY_AFTER}. Ordered after
 * the module-wide {@link PostgresTestResource}, so it wins for the test class that uses it.
 */
public class ProxiedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String RETRY_AFTER = "7";

    private static Proxy proxy;
    private static SharedPostgres.Database database;

    @Override
    public Map<String, String> start() {
        database = SharedPostgres.freshDatabase();
        proxy = new Proxy(database.host(), database.port());
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + proxy.port + "/" + database.name(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password(),
                "npsloop.database-unavailable.retry-after-seconds", RETRY_AFTER);
    }

    @Override
    public void stop() {
        proxy.close();
    }

    @Override
    public int order() {
        return 1000;
    }

    public static void cut() {
        proxy.cut();
    }

    public static void restore() {
        proxy.restore();
    }

    /** The single number a query answers, read directly (not through the proxy). */
    public static long count(String sql) throws Exception {
        try (var c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Polls until the call answers {@code status} (30 s at most); fails with the last answer. */
    public static void awaitStatus(int status, Supplier<Response> call) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response last = call.get();
        while (last.statusCode() != status) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + status + ", last: " + last.statusCode() + " " + last.asString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = call.get();
        }
    }

    /** A Vert.x TCP forwarder: cut() closes the listener and every piped connection, restore() listens again. */
    private static final class Proxy {
        final Vertx vertx = Vertx.vertx();
        final NetClient client = vertx.createNetClient();
        final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
        final String host;
        final int target;
        final int port;
        NetServer server;

        Proxy(String host, int target) {
            this.host = host;
            this.target = target;
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            restore();
        }

        synchronized void restore() {
            server = vertx.createNetServer().connectHandler(in -> {
                in.pause();
                client.connect(target, host).onSuccess(out -> {
                    open.add(in);
                    open.add(out);
                    in.pipeTo(out);
                    out.pipeTo(in);
                    in.resume();
                }).onFailure(e -> in.close());
            });
            await(server.listen(port, "localhost").mapEmpty());
        }

        synchronized void cut() {
            await(server.close());
            open.forEach(NetSocket::close);
            open.clear();
        }

        void close() {
            await(vertx.close());
        }

        private static void await(Future<Void> f) {
            try {
                f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
