package io.npsloop.reliability;

import io.npsloop.testsupport.TestTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real suite for one test class: an embedded PostgreSQL with the three service databases and the chosen
 * services as child JVMs on free ports, configured through the same environment variables as {@code ./npsloop up}.
 * Tokens are the test key pair's ({@link TestTokens}), so no dev secret of a developer's checkout is touched.
 */
final class Suite implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("reliability.root", "..")).toAbsolutePath().normalize();
    static final Duration READY = Duration.ofSeconds(Long.getLong("reliability.ready-seconds", 180));

    final Pg pg;
    final Path dir;
    final Map<String, Svc> services = new LinkedHashMap<>();

    Suite(String testName, String... names) {
        try {
            dir = Files.createDirectories(ROOT.resolve("reliability/target/runs/" + testName + "-" + System.currentTimeMillis()));
            Path keys = Files.createDirectories(dir.resolve("keys"));
            copyKey("publicKey.pem", keys);
            copyKey("privateKey.pem", keys);
            pg = new Pg(dir.resolve("pgdata"));
            Map<String, Integer> ports = new HashMap<>();
            for (String n : List.of("survey", "analytics", "referral", "gateway")) {
                ports.put(n, Ports.free());
            }
            for (String n : names) {
                String module = n.equals("gateway") ? "gateway" : n + "-service";
                String db = n.equals("gateway") ? null : "npsloop_" + n;
                if (db != null) {
                    pg.createDatabase(db);
                }
                services.put(n, new Svc(n, module, db, ROOT, dir, env(n, db, ports, keys)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // survey first: the others' feed consumers start polling it at once
        services.values().forEach(Svc::start);
        services.values().forEach(s -> s.awaitReady(READY));
    }

    private static Suite shared;

    /**
     * One suite for the whole module run: three service JVMs start once (CI time). Test classes run in a fixed
     * order (junit-platform.properties): fuzz on quiet databases first, then kill -9, then the outage.
     */
    static synchronized Suite shared() {
        if (shared == null) {
            // The gateway only when asked (full fuzz and soak): one JVM less in ./mvnw verify.
            shared = Boolean.getBoolean("reliability.gateway")
                    ? new Suite("suite", "survey", "analytics", "referral", "gateway")
                    : new Suite("suite", "survey", "analytics", "referral");
            new Chain(shared.svc("survey").url()).directory(STORES);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "reliability-suite-stop"));
        }
        return shared;
    }

    static final int STORES = 3;

    Svc svc(String name) {
        return services.get(name);
    }

    private Map<String, String> env(String name, String db, Map<String, Integer> ports, Path keys) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(name)));
        env.put("QUARKUS_PROFILE", "prod");
        if (db != null) {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl(db));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(db));
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        }
        String pub = "file:" + keys.resolve("publicKey.pem");
        String priv = "file:" + keys.resolve("privateKey.pem");
        env.put("NPSLOOP_JWT_PUBLIC_KEY", pub);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", pub);
        env.put("NPSLOOP_JWT_PRIVATE_KEY", priv);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", priv);
        env.put("NPSLOOP_CUSTOMER_KEY_SECRET", "reliability-customer-key-secret");
        env.put("NPSLOOP_PUBLIC_BASE_URL", "http://localhost:" + ports.get(name));
        env.put("QUARKUS_REST_CLIENT_SURVEY_URL", "http://localhost:" + ports.get("survey"));
        env.put("QUARKUS_REST_CLIENT_ANALYTICS_URL", "http://localhost:" + ports.get("analytics"));
        env.put("QUARKUS_REST_CLIENT_REFERRAL_URL", "http://localhost:" + ports.get("referral"));
        // The load comes from one client address: lift the per-client landing-page limit (it is not under test).
        env.put("NPSLOOP_RATE_LIMIT_REQUESTS", "100000000");
        env.put("NPSLOOP_RATE_LIMIT_ADDRESS_REQUESTS", "100000000");
        env.put("NPSLOOP_RATE_LIMIT_TOKEN_REQUESTS", "100000000");
        // Short back-offs so consumers catch up within seconds after a kill or an outage.
        env.put("NPSLOOP_FEED_CONSUMER_BACKOFF_MAX", "PT1S");
        env.put("NPSLOOP_FEED_CONSUMER_POLL_EVERY", "200ms");
        env.put("NPSLOOP_FEED_MAX_BACKOFF", "1s");
        env.put("NPSLOOP_CLICKS_SPILL_DIR", dir.resolve("spill-" + name).toString());
        env.put("QUARKUS_LOG_CONSOLE_JSON", "false");
        return env;
    }

    private static void copyKey(String file, Path to) throws IOException {
        try (InputStream in = TestTokens.class.getResourceAsStream("/npsloop-test-keys/" + file)) {
            if (in == null) {
                throw new IllegalStateException("npsloop-test-keys/" + file + " not on the test classpath");
            }
            Files.copy(in, to.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        services.values().forEach(Svc::stop);
        pg.close();
    }
}
