package io.npsloop.referral.problem;

import io.npsloop.testsupport.SharedPostgres;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database outage, black-box (issue 9 item 2): the app reaches PostgreSQL through a TCP proxy this test cuts
 * (every open connection closed, new ones refused) and restores. During the cut a write answers 503 problem+json
 * with the configured Retry-After, readiness is DOWN and nothing is written; afterwards the same process writes
 * again without a restart (the reactive pool reconnects by itself) and its datasource check is UP.
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutageTest.ProxiedDatabase.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    static final String RETRY_AFTER = "7";

    @Test
    void outageAnswers503WithRetryAfterAndRecoversByItself() throws Exception {
        promoters().then().statusCode(200);

        ProxiedDatabase.PROXY.cut();
        Response during = given().header("Authorization", "Bearer " + TestTokens.token("SERVICE"))
                .contentType("application/json").body("{\"customerKey\":\"" + "0a".repeat(32) + "\",\"storeId\":\"S01\",\"displayName\":\"李雷\"}")
                .when().post("/api/v1/referrals/issue");
        during.then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo(RETRY_AFTER))
                .body("status", equalTo(503));
        assertTrue(!during.asString().contains("Exception"), "no stack trace or exception name: " + during.asString());
        given().when().get("/q/health/ready").then().statusCode(503);

        ProxiedDatabase.PROXY.restore();
        awaitStatus(200, DatabaseOutageTest::promoters);
        awaitStatus(200, () -> given().when().get("/q/health/ready"));
        assertEquals(0, rows("SELECT count(*) FROM referral_code WHERE customer_key = '" + "0a".repeat(32) + "'"), "nothing written during the outage");
    }

    private static Response promoters() {
        return given().header("Authorization", "Bearer " + TestTokens.token("HQ_ANALYST"))
                .when().get("/api/v1/promoters");
    }

    /** Polls until the status is seen; fails with the last answer. */
    private static void awaitStatus(int status, Supplier<Response> call) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response last = call.get();
        while (last.statusCode() != status) {
            assertTrue(Instant.now().isBefore(deadline), "expected " + status + ", last: " + last.statusCode() + " " + last.asString());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            last = call.get();
        }
    }

    private static long rows(String sql) throws Exception {
        SharedPostgres.Database db = ProxiedDatabase.database;
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fresh database reached through {@link Proxy}; starts after the module-wide PostgresResource and wins. */
    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
        static Proxy PROXY;
        static SharedPostgres.Database database;

        @Override
        public Map<String, String> start() {
            database = SharedPostgres.freshDatabase();
            PROXY = new Proxy(database.host(), database.port());
            String url = "localhost:" + PROXY.port + "/" + database.name();
            return Map.of(
                    // Flyway migrates directly; only the application's reactive pool goes through the proxy.
                    "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.reactive.url", "postgresql://" + url,
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password(),
                    "npsloop.database-unavailable.retry-after-seconds", RETRY_AFTER);
        }

        @Override
        public void stop() {
            PROXY.close();
        }

        @Override
        public int order() {
            return 1000;
        }
    }

    /** A Vert.x TCP forwarder: {@link #cut()} closes the listener and every piped connection, {@link #restore()} listens again. */
    static final class Proxy {
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

        private static void await(io.vertx.core.Future<Void> f) {
            try {
                f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
