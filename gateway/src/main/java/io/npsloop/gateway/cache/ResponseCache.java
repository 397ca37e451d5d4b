package io.npsloop.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.gateway.client.AnalyticsClient;
import io.npsloop.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers whole GraphQL answers and sends one again to the same caller (the exact Authorization header) for the
 * same operation only when every downstream answer it was built from is known to be unchanged: while
 * {@link DataVersionFeed} follows analytics' data-version stream and no change was announced since the answer (made
 * only of analytics' parts) was computed or last revalidated, it is sent at once; otherwise each part is revalidated
 * with a conditional request, and the answer is sent only if every one comes back 304. So an answer is never older
 * than the downstream data, except for the moment a change takes to be announced; what is skipped is graphql-java's
 * execution, most of the gateway's own cost (the dashboard's ~60 fields).
 * <p>
 * Remembered: queries whose root fields are all in {@code npsloop.graphql.response-cache.root-fields}, whose every
 * downstream call returned an entity tag, answered 200 with data and without errors. Anything else runs as always.
 * A failed or negative revalidation drops the entry and runs the operation (which then reports any downstream
 * failure as usual). Authentication has run before this route; the key holds the caller's token, so a remembered
 * answer goes only to the caller it was computed for.
 */
@ApplicationScoped
public class ResponseCache {

    /** After authentication (-200/-100) and HttpLimits' operation checks (-50, -49); before SmallRye's handler. */
    static final int ORDER = -48;
    private static final String GRAPHQL = "/graphql";

    private record Key(String authorization, String accept, String contentType, String body) {
    }

    /**
     * @param generation the {@link DataVersionFeed} generation before the answer was computed (or last revalidated)
     * @param followed   whether every part came from analytics, whose changes the feed announces
     */
    private record Entry(Buffer answer, String contentType, List<Recording.Validator> validators, long generation,
                         boolean followed) {

        Entry at(long generation) {
            return new Entry(answer, contentType, validators, generation, followed);
        }
    }

    private final GatewayConfig.ResponseCache config;
    private final Map<Key, Entry> entries;
    private final DataVersionFeed feed;
    private final Counter unchanged;
    private final Counter revalidated;
    private final Counter misses;
    private final Counter stale;

    ResponseCache(GatewayConfig config, DataVersionFeed feed, MeterRegistry registry) {
        this.config = config.graphql().responseCache();
        this.feed = feed;
        int max = this.config.maxEntries();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > max;
            }
        };
        this.unchanged = outcome(registry, "unchanged");
        this.revalidated = outcome(registry, "revalidated");
        this.misses = outcome(registry, "miss");
        this.stale = outcome(registry, "stale");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("npsloop.graphql.response-cache").description("GraphQL POSTs by response-cache outcome")
                .tag("outcome", outcome).register(registry);
    }

    void install(@Observes Router router) {
        if (config.enabled() && config.maxEntries() > 0) {
            router.post(GRAPHQL).order(ORDER).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        Buffer body = ctx.body().buffer();
        if (authorization == null || body == null || body.length() > config.maxRequestBytes()) {
            ctx.next();
            return;
        }
        Key key = new Key(authorization, ctx.request().getHeader(HttpHeaders.ACCEPT),
                ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), body.toString(StandardCharsets.UTF_8));
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            misses.increment();
            record(ctx, key);
            return;
        }
        if (entry.followed() && feed.trusted() && entry.generation() == feed.generation()) {
            unchanged.increment(); // analytics announced no change since the answer was computed
            send(ctx, entry);
            return;
        }
        long generation = feed.generation();
        Context context = Vertx.currentContext();
        Uni.join().all(entry.validators().stream().map(v -> v.unchanged().get()).toList()).andFailFast()
                .map(valid -> valid.stream().allMatch(Boolean::booleanValue))
                .onFailure().recoverWithItem(false)
                .subscribe().with(valid -> context.runOnContext(v -> {
                    if (valid) {
                        revalidated.increment();
                        synchronized (entries) {
                            entries.replace(key, entry, entry.at(generation));
                        }
                        send(ctx, entry);
                    } else {
                        stale.increment();
                        synchronized (entries) {
                            entries.remove(key, entry);
                        }
                        record(ctx, key);
                    }
                }));
    }

    private static void send(RoutingContext ctx, Entry entry) {
        ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, entry.contentType()).end(entry.answer());
    }

    /** Runs the operation as always, recording it; remembers the answer if everything it read was tagged. */
    private void record(RoutingContext ctx, Key key) {
        Recording recording = new Recording();
        long generation = feed.generation(); // before any downstream call: a change after it moves the generation
        if (!Recording.start(recording)) {
            ctx.next();
            return;
        }
        // once the whole answer went out (the context's end handlers do not run for SmallRye's answers)
        ctx.addBodyEndHandler(written -> {
            String answer = recording.answer();
            String contentType = ctx.response().headers().get(HttpHeaders.CONTENT_TYPE);
            if (ctx.response().getStatusCode() == 200 && contentType != null && recording.complete()
                    && answer.length() <= config.maxResponseBytes()) {
                List<Recording.Validator> validators = recording.validators();
                boolean followed = validators.stream().allMatch(v -> AnalyticsClient.SERVICE.equals(v.service()));
                Entry entry = new Entry(Buffer.buffer(answer), contentType, validators, generation, followed);
                synchronized (entries) {
                    entries.put(key, entry);
                }
            }
        });
        ctx.next();
    }
}
