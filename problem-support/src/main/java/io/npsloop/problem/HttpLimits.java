package io.npsloop.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The request limits, answered as problem+json (reliability/FINDINGS.md F5). Left to the HTTP layer, a URI, headers
 * or a body over its limits get a bare 414/431/413: Vert.x rejects the first two in its decoder (Quarkus 3.27 offers
 * no hook into {@code HttpServer#invalidRequestHandler}) and Quarkus' own body-limit route ends the response itself.
 * So {@code quarkus.http.limits.max-initial-line-length}/{@code max-header-size} sit well above
 * {@code npsloop.http.max-uri-length}/{@code max-header-bytes}, and this route, ahead of Quarkus' body-limit route
 * and of authentication, enforces the application's limits:
 * <ul>
 * <li>a declared {@code Content-Length} over the limit is refused before a byte of the body is read (the request
 * is still paused); after the answer the rest is discarded, never kept, and the connection closed;</li>
 * <li>a streamed (chunked) body is read here with the limit counted on the bytes as they arrive, and refused as
 * soon as it is exceeded; on a large-body path (survey's CSV imports, which stream far larger bodies to their own
 * reader) it is left to Quarkus' limit.</li>
 * </ul>
 * The body limit is {@code npsloop.http.max-json-body-bytes} if set, else {@code quarkus.http.limits.max-body-size};
 * the paths in {@code npsloop.http.large-body-paths} (none by default) have {@code quarkus.http.limits.max-body-size}.
 * Only a request line or headers beyond even the HTTP layer's limits still get Vert.x' bare status.
 * <p>
 * Shared by the services through problem-support; the route is installed wherever this jar is (its beans.xml).
 */
@ApplicationScoped
public class HttpLimits {

    /** Before authentication and Quarkus' body-limit route (order -2). */
    static final int ORDER = -1100;
    /** How long the rest of a refused body is read and discarded before the connection is closed anyway. */
    static final long LINGER_MS = 2_000;

    private static final String STREAMED = HttpLimits.class.getName() + ".streamed";

    @ConfigMapping(prefix = "npsloop.http")
    public interface Settings {
        /** Longer request URIs answer 414; quarkus.http.limits.max-initial-line-length sits above. */
        @WithDefault("4096")
        int maxUriLength();

        /** Larger request headers answer 431; quarkus.http.limits.max-header-size sits above. */
        @WithDefault("20480")
        int maxHeaderBytes();

        /**
         * Larger bodies (JSON and form writes) answer 413; every path but {@link #largeBodyPaths()}. Unset:
         * {@code quarkus.http.limits.max-body-size}, which must be at least this (Quarkus enforces it as well).
         */
        Optional<Long> maxJsonBodyBytes();

        /**
         * Exact request paths whose bodies may be as large as {@code quarkus.http.limits.max-body-size} (a chunked
         * one is left to Quarkus' limit and the endpoint's own reader); none by default.
         */
        Optional<List<String>> largeBodyPaths();
    }

    private final long maxBody;
    private final long maxLargeBody;
    private final Set<String> largeBodyPaths;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final Map<Integer, String> bodies;
    private final String tooLargeBody;
    private final String tooLargeLargeBody;
    private final BodyHandler streamed;

    HttpLimits(Settings settings, ObjectMapper json,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) throws JsonProcessingException {
        this.maxLargeBody = maxBody.asLongValue();
        this.maxBody = settings.maxJsonBodyBytes().orElse(maxLargeBody);
        this.largeBodyPaths = Set.copyOf(settings.largeBodyPaths().orElse(List.of()));
        this.maxUriLength = settings.maxUriLength();
        this.maxHeaderBytes = settings.maxHeaderBytes();
        this.tooLargeBody = tooLarge(json, this.maxBody);
        this.tooLargeLargeBody = tooLarge(json, this.maxLargeBody);
        this.bodies = Map.of(
                414, json.writeValueAsString(Problem.of(414, "uri-too-long", "URI Too Long",
                        "The request URI is longer than " + maxUriLength + " characters.")),
                431, json.writeValueAsString(Problem.of(431, "request-header-fields-too-large", "Request Header Fields Too Large",
                        "The request headers are larger than " + maxHeaderBytes + " bytes.")));
        this.streamed = BodyHandler.create(false).setBodyLimit(this.maxBody);
    }

    private static String tooLarge(ObjectMapper json, long limit) throws JsonProcessingException {
        return json.writeValueAsString(Problem.of(413, "payload-too-large", "Payload Too Large",
                "The request body is larger than " + limit + " bytes."));
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::streamedTooLarge);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().uri().length() > maxUriLength) {
            reject(ctx, 414, bodies.get(414), false);
            return;
        }
        if (headerBytes(ctx.request().headers()) > maxHeaderBytes) {
            reject(ctx, 431, bodies.get(431), false);
            return;
        }
        boolean large = !largeBodyPaths.isEmpty() && largeBodyPaths.contains(ctx.normalizedPath());
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (parse(length) > (large ? maxLargeBody : maxBody)) {
                reject(ctx, 413, large ? tooLargeLargeBody : tooLargeBody, true);
                return;
            }
        } else if (!large && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // read here, counting: no Content-Length tells us the size up front
            ctx.put(STREAMED, Boolean.TRUE);
            ctx.request().resume(); // Quarkus pauses every request until a handler is ready for its body
            streamed.handle(ctx);
            return;
        }
        ctx.next();
    }

    /** Vert.x' body handler fails the request with 413 the moment the streamed body passes the limit. */
    private void streamedTooLarge(RoutingContext ctx) {
        if (ctx.get(STREAMED) == null) {
            ctx.next();
        } else if (!ctx.response().headWritten() && ctx.statusCode() == 413) {
            reject(ctx, 413, tooLargeBody, true);
        } else if (!ctx.response().ended()) {
            ctx.next();
        }
        // else: answered already; the connection we closed after it fails the body read once more, which is expected
    }

    /**
     * After a 413 the connection is closed, but not at once: closing a socket with unread data resets it, and a
     * client still sending would lose the answer. So the rest of the body is read and thrown away (nothing is kept)
     * until it ends or for at most {@link #LINGER_MS}, then the connection is closed (as a web server's lingering
     * close does).
     */
    private static void closeAfter(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = ctx.vertx().setTimer(LINGER_MS, t -> connection.close());
        Handler<Void> close = v -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        };
        request.handler(data -> {
        }).exceptionHandler(e -> close.handle(null)).endHandler(close);
        request.resume();
    }

    /** Roughly what the decoder counts: each header line with its separator and line end. */
    static long headerBytes(MultiMap headers) {
        long n = 0;
        for (Map.Entry<String, String> h : headers) {
            n += h.getKey().length() + h.getValue().length() + 4;
        }
        return n;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge: the decoder has already accepted it
        }
    }

    /**
     * The body of a 413 is not kept: the answer says {@code Connection: close} and the connection is closed once it
     * is written (see {@link #closeAfter}), so a client cannot keep streaming into it.
     */
    private static void reject(RoutingContext ctx, int status, String body, boolean close) {
        HttpServerResponse response = ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(v -> closeAfter(ctx));
        }
        response.end(body);
    }
}
