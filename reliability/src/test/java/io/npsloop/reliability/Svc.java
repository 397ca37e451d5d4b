package io.npsloop.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service as a child JVM from its built {@code target/quarkus-app/quarkus-run.jar}, as the launcher runs it. */
final class Svc {

    final String name;
    final String module;
    final String database;
    final int port;
    private final Path jar;
    private final Path logDir;
    private final Map<String, String> env;
    private Process process;
    private int starts;

    Svc(String name, String module, String database, Path root, Path logDir, Map<String, String> env) {
        this.name = name;
        this.module = module;
        this.database = database;
        this.port = Integer.parseInt(env.get("QUARKUS_HTTP_PORT"));
        this.jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        this.logDir = logDir;
        this.env = env;
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: build the services first (./mvnw -pl reliability -am verify)");
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // small heaps and C1 only: four JVMs share a 2-core CI box with the test itself
                "-XX:+UseSerialGC", "-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + "-" + (++starts) + ".log").toFile())
                .directory(jar.getParent().toFile());
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /** kill -9: no shutdown hook, no drain, no spill file. */
    synchronized void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean ready() {
        return Http.get(url() + "/q/health/ready", null).status() == 200;
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + lastLog());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(module + " not ready after " + timeout + "; see " + lastLog());
            }
            Poll.pause();
        }
    }

    File lastLog() {
        return logDir.resolve(name + "-" + starts + ".log").toFile();
    }

    /** Resident set size in KiB from /proc (Linux), -1 elsewhere. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux or the process is gone
        }
        return -1;
    }
}
