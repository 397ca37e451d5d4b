package io.npsloop.survey.survey;

import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.problem.Problem;
import io.npsloop.survey.response.Clients;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throttles the public, token-less survey endpoints ({@code /s/…} and {@code /api/v1/surveys/…}): fixed windows of
 * {@code npsloop.rate-limit.window}, counted per client address (as the authenticity rules see it) and per invitation
 * token. Over either limit the request is answered {@code 429} with {@code Retry-After} (seconds to the end of the
 * window) before any body is read or the database is touched: problem+json, or a short HTML page for a browser on
 * {@code /s/…}. Counters live in this process (one replica's share of the traffic); an idle window is swept.
 */
@ApplicationScoped
public class RateLimitFilter {

    private final NpsloopConfig config;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimitFilter(NpsloopConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    private static final class Window {
        final long start;
        final AtomicInteger count = new AtomicInteger();

        Window(long start) {
            this.start = start;
        }
    }

    void register(@Observes Filters filters, Vertx vertx) {
        NpsloopConfig.RateLimit rl = config.rateLimit();
        if (!rl.enabled()) {
            return;
        }
        vertx.setPeriodic(Math.max(1000, rl.window().toMillis()), id -> sweep());
        // Before the body-size filter (100) and every route: a throttled client costs no parsing and no query.
        filters.register(this::filter, 110);
    }

    void filter(RoutingContext rc) {
        String path = rc.normalizedPath();
        String token = token(path);
        if (token == null) {
            rc.next();
            return;
        }
        NpsloopConfig.RateLimit rl = config.rateLimit();
        long now = clock.millis();
        String address = Clients.of(rc.request(), config, null).address();
        long wait = Math.max(hit("a:" + address, rl.addressRequests(), now), hit("t:" + token, rl.tokenRequests(), now));
        if (wait < 0) {
            rc.next();
            return;
        }
        long seconds = Math.max(1, (wait + 999) / 1000);
        String accept = rc.request().getHeader("Accept");
        var response = rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(seconds));
        if (path.startsWith("/s/") && accept != null && accept.contains("text/html")) {
            response.putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                            + "content=\"width=device-width, initial-scale=1\"><title>请稍后再试 / Please try again shortly"
                            + "</title></head><body><h1>请稍后再试</h1><p>请求过于频繁，请 " + seconds + " 秒后再试。</p>"
                            + "<p lang=\"en\">Too many requests: please try again in " + seconds + " s.</p></body></html>");
        } else {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end("{\"type\":\"https://npsloop.dev/problems/too-many-requests\",\"title\":\"Too Many Requests\","
                            + "\"status\":429,\"detail\":\"Too many requests; try again in " + seconds + " s.\"}");
        }
    }

    /** The invitation token a public survey path names, or null for any other path. */
    static String token(String path) {
        String rest;
        if (path.startsWith("/s/")) {
            rest = path.substring(3);
        } else if (path.startsWith("/api/v1/surveys/")) {
            rest = path.substring("/api/v1/surveys/".length());
        } else {
            return null;
        }
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        // Bounded key: an over-long path segment is no token (the resource answers 404) but is still counted.
        return token.isEmpty() ? null : token.length() > 64 ? token.substring(0, 64) : token;
    }

    /** Counts one request under {@code key}; answers -1 when allowed, else the milliseconds to the window's end. */
    long hit(String key, int limit, long now) {
        long size = config.rateLimit().window().toMillis();
        Window w = windows.get(key);
        if (w == null || now - w.start >= size) {
            if (w == null && windows.size() >= config.rateLimit().maxKeys()) {
                sweep();
                if (windows.size() >= config.rateLimit().maxKeys()) {
                    return -1; // full of live keys: fail open rather than throttle honest customers
                }
            }
            Window fresh = new Window(now);
            w = w == null ? windows.putIfAbsent(key, fresh) : (windows.replace(key, w, fresh) ? null : windows.get(key));
            if (w == null) {
                w = fresh;
            }
        }
        return w.count.incrementAndGet() <= limit ? -1 : Math.max(0, w.start + size - now);
    }

    void sweep() {
        long now = clock.millis();
        long size = config.rateLimit().window().toMillis();
        windows.values().removeIf(w -> now - w.start >= size);
    }

    /** For tests: forget every count. */
    public void reset() {
        windows.clear();
    }
}
