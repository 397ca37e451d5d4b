package io.npsloop.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** {@code down} and {@code status}: talk to a suite started by another {@code up}. */
final class Control {

    private Control() {
    }

    static int down(Home home, PrintStream out) {
        var pid = Suite.runningPid(home);
        if (pid.isEmpty()) {
            out.println("npsloop: nothing is running here.");
            return 0;
        }
        ProcessHandle handle = ProcessHandle.of(pid.get()).orElseThrow();
        handle.destroy();
        Instant deadline = Instant.now().plusSeconds(60);
        while (handle.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (handle.isAlive()) {
            throw new LauncherException("the suite (pid " + pid.get() + ") did not stop within 60 s");
        }
        out.println("npsloop: stopped (pid " + pid.get() + ").");
        return 0;
    }

    static int status(Home home, PrintStream out) {
        var pid = Suite.runningPid(home);
        out.println(pid.map(p -> "npsloop: running (pid " + p + ")").orElse("npsloop: not running"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        boolean allReady = true;
        for (Service s : Service.ALL) {
            String state;
            try {
                int code = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                state = code == 200 ? "ready" : "not ready (HTTP " + code + ")";
                allReady &= code == 200;
            } catch (Exception e) {
                state = "down";
                allReady = false;
            }
            out.println(String.format("  %-18s %-22s %s", s.module(), s.baseUrl(), state));
        }
        return pid.isPresent() && allReady ? 0 : 3;
    }
}
