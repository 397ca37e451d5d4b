package io.npsloop.survey.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.config.NpsloopConfig;
import io.quarkus.runtime.configuration.MemorySize;
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

import java.util.Map;

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
 * <li>a streamed (chunked) body is read with the limit counted on the bytes as they arrive and refused as soon as
 * it is exceeded; the CSV imports, which stream far larger bodies to their own reader, are left to Quarkus' limit.</li>
 * </ul>
 * JSON and form writes are held to {@code npsloop.http.max-json-body-bytes}, the two CSV imports to
 * {@code quarkus.http.limits.max-body-size}. Only a request line or headers beyond even the HTTP layer's limits
 * still get Vert.x' bare status.
 */
@ApplicationScoped
public class HttpLimits {

    /** Before authentication and Quarkus' body-limit route (order -2). */
    static final int ORDER = -1100;
    /** How long the rest of a refused body is read and discarded before the connection is closed anyway. */
    static final long LINGER_MS = 2_000;

    private static final String STREAMED = HttpLimits.class.getName() + ".streamed";

    private final long maxJsonBody;
    private final long maxImportBody;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final Map<Integer, String> bodies;
    private final BodyHandler streamedJson;

    HttpLimits(NpsloopConfig config, ObjectMapper json,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) throws JsonProcessingException {
        this.maxJsonBody = config.http().maxJsonBodyBytes();
        this.maxImportBody = maxBody.asLongValue();
        this.maxUriLength = config.http().maxUriLength();
        this.maxHeaderBytes = config.http().maxHeaderBytes();
        this.bodies = Map.of(
                414, json.writeValueAsString(Problem.of(414, "uri-too-long", "URI Too Long",
                        "The request URI is longer than " + maxUriLength + " characters.")),
                431, json.writeValueAsString(Problem.of(431, "request-header-fields-too-large", "Request Header Fields Too Large",
                        "The request headers are larger than " + maxHeaderBytes + " bytes.")));
        this.streamedJson = BodyHandler.create(false).setBodyLimit(maxJsonBody);
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
        boolean isImport = isImport(ctx.normalizedPath());
        long limit = isImport ? maxImportBody : maxJsonBody;
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (parse(length) > limit) {
                reject(ctx, 413, tooLarge(limit), true);
                return;
            }
        } else if (!isImport && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // read here, counting: no Content-Length tells us the size up front
            ctx.put(STREAMED, limit);
            ctx.request().resume(); // Quarkus pauses every request until a handler is ready for its body
            streamedJson.handle(ctx);
            return;
        }
        ctx.next();
    }

    /** Vert.x' body handler fails the request with 413 the moment the streamed body passes the limit. */
    private void streamedTooLarge(RoutingContext ctx) {
        Long limit = ctx.get(STREAMED);
        if (limit == null) {
            ctx.next();
        } else if (!ctx.response().headWritten() && ctx.statusCode() == 413) {
            reject(ctx, 413, tooLarge(limit), true);
        } else if (!ctx.response().ended()) {
            ctx.next();
        }
        // else: answered already; the connection we closed after it fails the body read once more, which is expected
    }

    private static boolean isImport(String path) {
        return "/api/v1/imports".equals(path) || "/api/v1/stores/import".equals(path);
    }

    private String tooLarge(long limit) {
        return "{\"type\":\"https://npsloop.dev/problems/payload-too-large\",\"title\":\"Payload Too Large\","
                + "\"status\":413,\"detail\":\"The request body is larger than " + limit + " bytes.\"}";
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
