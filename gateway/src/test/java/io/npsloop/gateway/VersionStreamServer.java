package io.npsloop.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for analytics' data-version stream ({@code GET /api/v1/data-version}, server-sent events), driven by the
 * test over HTTP (the test and this resource may not share a class loader): {@code POST /control/send?v=…} sends
 * an event to every open stream (as analytics, it repeats the current one every 300 ms as a heartbeat unless
 * {@code POST /control/mute}; {@code /control/unmute}), {@code POST /control/close} ends them,
 * {@code GET /control/opened} counts the streams opened so far, {@code GET /control/auth} is the last stream's
 * Authorization header.
 */
public class VersionStreamServer implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        List<HttpServerResponse> open = new CopyOnWriteArrayList<>();
        AtomicInteger opened = new AtomicInteger();
        String[] auth = {""};
        String[] current = {"v1"};
        boolean[] muted = {false};
        server = vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/api/v1/data-version" -> {
                    opened.incrementAndGet();
                    auth[0] = String.valueOf(req.getHeader("Authorization"));
                    HttpServerResponse r = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                    r.write("data:" + current[0] + "\n\n");
                    open.add(r);
                    r.closeHandler(v -> open.remove(r));
                }
                case "/control/send" -> {
                    current[0] = req.getParam("v");
                    open.forEach(r -> r.write("data:" + current[0] + "\n\n"));
                    req.response().end("sent");
                }
                case "/control/mute" -> {
                    muted[0] = true;
                    req.response().end("muted");
                }
                case "/control/unmute" -> {
                    muted[0] = false;
                    req.response().end("unmuted");
                }
                case "/control/close" -> {
                    open.forEach(HttpServerResponse::end);
                    open.clear();
                    req.response().end("closed");
                }
                case "/control/opened" -> req.response().end(String.valueOf(opened.get()));
                case "/control/auth" -> req.response().end(auth[0]);
                default -> req.response().setStatusCode(404).end();
            }
        });
        vertx.setPeriodic(300, t -> {
            if (!muted[0]) {
                open.forEach(r -> r.write("data:" + current[0] + "\n\n"));
            }
        });
        try {
            server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.rest-client.analytics-versions.url", "http://localhost:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
