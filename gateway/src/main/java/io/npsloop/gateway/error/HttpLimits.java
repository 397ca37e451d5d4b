package io.npsloop.gateway.error;

import io.npsloop.gateway.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Requests turned away before GraphQL runs get a GraphQL errors document with a code (on {@code /graphql}) or
 * problem+json (elsewhere), never a bare status or plain text (reliability/FINDINGS.md F5, F7):
 * <ul>
 * <li>a URI over {@code npsloop.http.max-uri-length}: 414, headers over {@code npsloop.http.max-header-bytes}: 431,
 * a body over {@code quarkus.http.limits.max-body-size}: 413, all {@code REQUEST_TOO_LARGE}. Vert.x would answer the
 * first two bare from its decoder (Quarkus 3.27 offers no hook into {@code HttpServer#invalidRequestHandler}), so
 * {@code quarkus.http.limits.max-initial-line-length}/{@code max-header-size} sit well above ours; Quarkus' own
 * body-limit route (order -2) would end a 413 itself, so this route runs before it. A declared
 * {@code Content-Length} over the limit is refused before any of the body is read, and after the answer the rest
 * is discarded, never kept, and the connection closed; a streamed (chunked) body is counted as it arrives and refused once it passes the limit.</li>
 * <li>a POST to {@code /graphql} without an operation (empty body, or a JSON object without {@code query}): 400
 * {@code BAD_REQUEST}, where SmallRye would answer the plain text "Missing operation body". The body is read here,
 * after authentication (SmallRye's body handler then finds it read), so that it can be looked at before SmallRye's
 * handler.</li>
 * </ul>
 * Only a request line or headers beyond even the HTTP layer's limits still get Vert.x' bare status.
 */
@ApplicationScoped
public class HttpLimits {

    /** Before authentication ({@code security/AuthFailureHandler}, -1000) and Quarkus' body-limit route (-2). */
    static final int ORDER = -1100;
    /** How long the rest of a refused body is read and discarded before the connection is closed anyway. */
    static final long LINGER_MS = 2_000;
    /** After authentication and authorization (-200, -100): an anonymous operation's body is never read. */
    static final int OPERATION_ORDER = -50;

    private static final String READ_HERE = HttpLimits.class.getName() + ".read";
    private static final String GRAPHQL = "/graphql";
    /** {@code "query":} as a key; when it is not there the body is parsed to be sure. */
    private static final Pattern QUERY_KEY = Pattern.compile("(?<!\\\\)\"query\"\\s*:");

    @ConfigMapping(prefix = "npsloop.http")
    public interface Settings {
        /** Longer request URIs answer 414; quarkus.http.limits.max-initial-line-length sits above. */
        @WithDefault("4096")
        int maxUriLength();

        /** Larger request headers answer 431; quarkus.http.limits.max-header-size sits above. */
        @WithDefault("20480")
        int maxHeaderBytes();
    }

    private final long maxBody;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final Map<Integer, String> details;
    private final BodyHandler bodyHandler;

    HttpLimits(Settings settings, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
        this.maxUriLength = settings.maxUriLength();
        this.maxHeaderBytes = settings.maxHeaderBytes();
        this.details = Map.of(
                413, "The request body is larger than " + this.maxBody + " bytes.",
                414, "The request URI is longer than " + maxUriLength + " characters.",
                431, "The request headers are larger than " + maxHeaderBytes + " bytes.");
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(this.maxBody);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::bodyTooLarge);
        router.post(GRAPHQL).order(OPERATION_ORDER).handler(this::read);
        router.post(GRAPHQL).order(OPERATION_ORDER + 1).handler(this::requireOperation);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().uri().length() > maxUriLength) {
            tooLarge(ctx, 414, false);
            return;
        }
        if (headerBytes(ctx.request().headers()) > maxHeaderBytes) {
            tooLarge(ctx, 431, false);
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBody) {
            tooLarge(ctx, 413, true);
            return;
        }
        boolean operation = ctx.request().method().name().equals("POST") && GRAPHQL.equals(ctx.normalizedPath());
        if (!operation && length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            read(ctx);
            return;
        }
        ctx.next();
    }

    /** Reads the body, the limit counted on the bytes as they arrive; later body handlers find it read. */
    private void read(RoutingContext ctx) {
        ctx.put(READ_HERE, Boolean.TRUE);
        bodyHandler.handle(ctx);
    }

    /** Vert.x' body handler fails the request with 413 the moment a body passes the limit. */
    private void bodyTooLarge(RoutingContext ctx) {
        if (!ctx.response().headWritten() && ctx.statusCode() == 413) {
            tooLarge(ctx, 413, true);
        } else if (ctx.get(READ_HERE) == null || !ctx.response().ended()) {
            ctx.next();
        }
        // else: answered already; the connection we closed after it fails the body read once more, which is expected
    }

    private void requireOperation(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        String text = body == null ? "" : body.toString();
        if (text.isBlank() || ctx.request().getParam("query") == null && lacksQuery(text)) {
            graphqlError(ctx, 400, "BAD_REQUEST", "The request has no GraphQL operation: send {\"query\": \"…\"}.", false);
            return;
        }
        ctx.next();
    }

    /** A JSON object without {@code query} (anything else is SmallRye's to judge: a document, a batch, not JSON). */
    private static boolean lacksQuery(String text) {
        String t = text.strip();
        if (!t.startsWith("{") || QUERY_KEY.matcher(t).find()) {
            return false;
        }
        try {
            return !new JsonObject(t).containsKey("query");
        } catch (DecodeException e) {
            return false; // SmallRye answers "Unparseable request" as a GraphQL error
        }
    }

    private void tooLarge(RoutingContext ctx, int status, boolean close) {
        if (ctx.normalizedPath().startsWith(GRAPHQL)) {
            graphqlError(ctx, status, "REQUEST_TOO_LARGE", details.get(status), close);
            return;
        }
        Problem p = Problem.of(status, switch (status) {
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            default -> "Request Header Fields Too Large";
        }, details.get(status));
        end(ctx, status, Problem.MEDIA_TYPE, new JsonObject().put("type", p.type()).put("title", p.title())
                .put("status", p.status()).put("detail", p.detail()).encode(), close);
    }

    private static void graphqlError(RoutingContext ctx, int status, String code, String message, boolean close) {
        JsonObject body = new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code)))).putNull("data");
        end(ctx, status, "application/json", body.encode(), close);
    }

    /**
     * The body of a 413 is not kept: the answer says {@code Connection: close} and the connection is closed once it
     * is written (see {@link #closeAfter}), so a client cannot keep streaming into it.
     */
    private static void end(RoutingContext ctx, int status, String contentType, String body, boolean close) {
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(v -> closeAfter(ctx));
        }
        response.end(body);
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
}
