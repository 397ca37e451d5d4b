package io.npsloop.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ./npsloop up}: database, keys, the four services, demo data; everything stopped on SIGTERM. */
final class Suite {

    private final Home home;
    private final PrintStream out;
    private final List<ServiceProcess> running = new ArrayList<>();
    private Database database;
    private volatile boolean stopping;

    Suite(Home home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    int up() {
        Path pidFile = home.state("launcher.pid");
        runningPid(home).ifPresent(pid -> {
            throw new LauncherException("NPS Loop is already running (pid " + pid + "); use it at "
                    + Service.named("gateway").baseUrl() + " or stop it with ./npsloop down");
        });
        for (Service s : Service.ALL) {
            Ports.requireFree(s.port(), s.module() + " (" + s.portVariable() + ")");
        }
        writePid(pidFile);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(pidFile), "npsloop-shutdown"));

        Instant started = Instant.now();
        out.println("npsloop: starting PostgreSQL…");
        database = Database.open(home);
        database.ensureDatabases(Service.ALL.stream().map(Service::database).filter(d -> d != null).toList());
        DevKeys keys = new DevKeys(home).ensure();

        out.println("npsloop: starting the services…");
        for (Service s : Service.ALL) {
            running.add(ServiceProcess.start(home, s, environment(s, keys), out));
        }
        awaitReady(readyTimeout());
        new DemoData(keys, out).loadIfEmpty();
        printWelcome(Duration.between(started, Instant.now()));
        superviseUntilStopped();
        return 0;
    }

    private Map<String, String> environment(Service s, DevKeys keys) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(s.port()));
        env.put("QUARKUS_PROFILE", "prod");
        if (s.database() != null) {
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(s.database()));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(s.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        String publicKey = "file:" + keys.publicKeyFile();
        String privateKey = "file:" + keys.privateKeyFile();
        env.put("NPSLOOP_JWT_PUBLIC_KEY", publicKey);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey);
        env.put("NPSLOOP_JWT_PRIVATE_KEY", privateKey);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey);
        env.put("NPSLOOP_CUSTOMER_KEY_SECRET", keys.customerKeySecret());
        env.put("NPSLOOP_PUBLIC_BASE_URL", s.baseUrl());
        env.put("QUARKUS_REST_CLIENT_SURVEY_URL", Service.named("survey").baseUrl());
        env.put("QUARKUS_REST_CLIENT_ANALYTICS_URL", Service.named("analytics").baseUrl());
        env.put("QUARKUS_REST_CLIENT_REFERRAL_URL", Service.named("referral").baseUrl());
        if (s.name().equals("gateway")) {
            env.put("NPSLOOP_DEV_TOKEN_SIGNING", "true");
        }
        return env;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ServiceProcess> waiting = new ArrayList<>(running);
        while (!waiting.isEmpty()) {
            for (ServiceProcess p : List.copyOf(waiting)) {
                if (!p.isAlive()) {
                    throw new LauncherException(p.service().module() + " exited with code " + p.exitCode()
                            + " while starting; its log is above");
                }
                if (p.isReady()) {
                    out.println("npsloop: " + p.service().module() + " is ready on " + p.service().baseUrl());
                    waiting.remove(p);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LauncherException("not ready after " + timeout.toSeconds() + " s: "
                        + String.join(", ", waiting.stream().map(p -> p.service().module()).toList())
                        + " (raise NPSLOOP_READY_TIMEOUT)");
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void printWelcome(Duration took) {
        String gateway = Service.named("gateway").baseUrl();
        out.println();
        out.println("NPS Loop is ready (" + took.toSeconds() + " s).");
        out.println("  Dashboard         " + gateway + "/");
        out.println("  GraphQL UI        " + gateway + "/q/graphql-ui");
        for (Service s : Service.ALL) {
            out.println(String.format("  %-17s %s/q/swagger-ui", s.module(), s.baseUrl()));
        }
        out.println("  Database          " + database.describe());
        out.println("  Dev token         ./npsloop token HQ_ANALYST   (or STORE_MANAGER --stores S01, …)");
        out.println("Press Ctrl-C to stop everything.");
    }

    /** Blocks until SIGTERM/Ctrl-C; if a service dies on its own the whole suite stops with an error. */
    private void superviseUntilStopped() {
        while (!stopping) {
            for (ServiceProcess p : running) {
                if (!p.isAlive() && !stopping) {
                    throw new LauncherException(p.service().module() + " stopped unexpectedly with code "
                            + p.exitCode() + "; stopping the suite");
                }
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private void shutdown(Path pidFile) {
        stopping = true;
        if (!running.isEmpty()) {
            out.println("npsloop: stopping the services…");
        }
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess p : running) {
            Thread t = new Thread(() -> p.stop(Duration.ofSeconds(20)));
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            out.println("npsloop: stopping PostgreSQL…");
            database.close();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is detected as stale next time
        }
        if (database != null) {
            out.println("npsloop: stopped.");
        }
    }

    static Optional<Long> runningPid(Home home) {
        Path pidFile = home.state("launcher.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("java")).orElse(true))
                    .map(h -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void writePid(Path pidFile) {
        try {
            Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration readyTimeout() {
        String value = System.getenv().getOrDefault("NPSLOOP_READY_TIMEOUT", "240").trim();
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            throw new LauncherException("NPSLOOP_READY_TIMEOUT=" + value + " is not a number of seconds");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
