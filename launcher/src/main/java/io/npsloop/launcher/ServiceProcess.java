package io.npsloop.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child JVM, its output prefixed with its name. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final Process process;

    private ServiceProcess(Service service, Process process) {
        this.service = service;
        this.process = process;
    }

    static ServiceProcess start(Home home, Service service, Map<String, String> env, PrintStream out) {
        var jar = home.serviceJar(service.module());
        if (!Files.exists(jar)) {
            throw new LauncherException(service.module() + " is not built (" + home.root().relativize(jar)
                    + " missing); run ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.javaExecutable());
        command.addAll(List.of(System.getenv().getOrDefault("NPSLOOP_JAVA_OPTS",
                "-XX:+UseSerialGC -Xms32m -Xmx384m -XX:+ExitOnOutOfMemoryError").trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Thread pump = new Thread(() -> pump(service.name(), process, out), service.name() + "-log");
            pump.setDaemon(true);
            pump.start();
            return new ServiceProcess(service, process);
        } catch (IOException e) {
            throw new LauncherException("cannot start " + service.module() + ": " + e.getMessage());
        }
    }

    private static void pump(String name, Process process, PrintStream out) {
        String prefix = String.format("%-9s | ", name);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(prefix + line);
            }
        } catch (IOException ignored) {
            // the process went away
        }
    }

    boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    Service service() {
        return service;
    }

    /** SIGTERM first so Quarkus shuts down gracefully; SIGKILL only if it does not within the grace period. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static final class Path {
        static String javaExecutable() {
            return ProcessHandle.current().info().command().orElse("java");
        }
    }
}
