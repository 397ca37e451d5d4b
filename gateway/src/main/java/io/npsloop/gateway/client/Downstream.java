package io.npsloop.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.gateway.error.BadUserInputException;
import io.npsloop.gateway.error.ConflictException;
import io.npsloop.gateway.error.ForbiddenException;
import io.npsloop.gateway.error.GatewayError;
import io.npsloop.gateway.error.NotFoundException;
import io.npsloop.gateway.error.UnauthenticatedException;
import io.npsloop.gateway.error.UpstreamUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns what a REST call failed with into what the GraphQL caller sees. */
public final class Downstream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Downstream() {
    }

    /** Inside a client (before fault tolerance): a 4xx becomes a {@link DownstreamRejection}. */
    static <T> Uni<T> classify(String service, Uni<T> call) {
        return call.onFailure(WebApplicationException.class).transform(e -> rejection(service, (WebApplicationException) e));
    }

    /** Reads that map 404 to "nothing". */
    static <T> Uni<T> classifyOrNull(String service, Uni<T> call) {
        return classify(service, call).onFailure(e -> e instanceof DownstreamRejection r && r.status() == 404).recoverWithNull();
    }

    private static Throwable rejection(String service, WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status < 400 || status >= 500) {
            return e; // 5xx: the service is in trouble — retry and count it
        }
        String detail = null;
        List<DownstreamRejection.Param> params = new ArrayList<>();
        try {
            String body = e.getResponse().readEntity(String.class);
            if (body != null && !body.isBlank()) {
                JsonNode problem = JSON.readTree(body);
                detail = problem.path("detail").asText(problem.path("title").asText(null));
                for (JsonNode p : problem.path("invalidParams")) {
                    params.add(new DownstreamRejection.Param(p.path("name").asText(), p.path("reason").asText()));
                }
            }
        } catch (RuntimeException | java.io.IOException ignored) {
            // not problem+json: keep the status only
        }
        return new DownstreamRejection(service, status, detail, params);
    }

    /** In a resolver (after fault tolerance): any failure → the GraphQL error, carrying {@code partial} as data. */
    public static Function<Throwable, Throwable> toGraphQL(String service, Object partial) {
        return t -> translate(service, t, partial);
    }

    public static Throwable translate(String service, Throwable t, Object partial) {
        if (t instanceof io.npsloop.gateway.error.GatewayFailure f) {
            return f.error();
        }
        if (t instanceof GatewayError g) {
            return g;
        }
        if (t instanceof DownstreamRejection r) {
            String msg = r.getMessage();
            return switch (r.status()) {
                case 400, 422 -> new BadUserInputException(msg, partial).with("invalidParams", r.invalidParams().stream()
                        .map(p -> java.util.Map.of("name", p.name(), "reason", p.reason())).toList());
                case 401 -> new UnauthenticatedException(service + " rejected the caller's token", partial);
                case 403 -> new ForbiddenException(service + ": " + msg, partial);
                case 404 -> new NotFoundException(msg, partial);
                case 409, 410 -> new ConflictException(msg, partial);
                case 429 -> UpstreamUnavailableException.of(service, partial);
                default -> new BadUserInputException(msg, partial);
            };
        }
        if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            // the service failed often enough lately that we do not even ask it: fail fast, say so
            return new UpstreamUnavailableException(service + " is unavailable (circuit breaker open)", partial)
                    .with("service", service).with("reason", "CIRCUIT_OPEN");
        }
        if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return UpstreamUnavailableException.of(service, partial).with("reason", "TIMEOUT");
        }
        return UpstreamUnavailableException.of(service, partial).with("reason", "ERROR");
    }
}
