package io.npsloop.gateway.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A request to {@code /graphql} without a valid token (missing, expired, wrong signature, wrong issuer) is rejected
 * before GraphQL runs: HTTP 401 with a GraphQL-shaped body whose error carries {@code extensions.code
 * UNAUTHENTICATED}, so clients handle it like every other error.
 */
@Singleton
public class AuthFailureHandler {

    void init(@Observes Router router) {
        // a request without any bearer token never reaches authentication (which would answer a bare challenge)
        router.route().order(-1000).handler(this::requireBearer);
        // a token that fails verification is reported by authentication as a failure
        router.route().order(-1000).failureHandler(this::handle);
    }

    private void requireBearer(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (ctx.normalizedPath().startsWith("/graphql") && !"OPTIONS".equals(ctx.request().method().name())
                && (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7)) {
            write(ctx, 401, "UNAUTHENTICATED", "a valid bearer token is required");
            return;
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        boolean graphql = ctx.normalizedPath().startsWith("/graphql");
        if (!graphql || ctx.response().ended()) {
            ctx.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            write(ctx, 401, "UNAUTHENTICATED", "a valid bearer token is required");
        } else if (failure instanceof ForbiddenException) {
            write(ctx, 403, "FORBIDDEN", "not allowed");
        } else {
            ctx.next();
        }
    }

    private static void write(RoutingContext ctx, int status, String code, String message) {
        JsonObject body = new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", code)))).putNull("data");
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(body.encode());
    }
}
