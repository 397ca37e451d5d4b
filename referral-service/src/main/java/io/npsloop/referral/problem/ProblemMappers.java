package io.npsloop.referral.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.problem.UnexpectedFailures;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Turns every failure into application/problem+json; a stack trace never reaches the client. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        if (e.problem().status() == 401) {
            return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(e.problem()).build();
        }
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response rule(RuleViolationException e) {
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(e.problem()).build();
    }

    @ServerExceptionMapper
    public Response throttled(ThrottledException e) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .entity(Problem.of(429, "too-many-requests", "Too Many Requests", e.getMessage())).build();
    }

    /** Authentication is lazy (quarkus.http.auth.proactive=false), so a missing or bad token arrives here. */
    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.AuthenticationCompletionException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required.")).build();
    }

    @ServerExceptionMapper(io.quarkus.security.ForbiddenException.class)
    public Response forbidden(RuntimeException e) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your role may not do this."));
    }

    /** Explicit, so it wins over quarkus-rest-jackson's own mapper for this exact type. */
    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e) {
        return invalidField(path(e), "is not a known property");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return invalidField(path(u), "is not a known property");
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String field = path((JsonMappingException) e);
            if (!field.isEmpty()) {
                return invalidField(field, "has the wrong type or format");
            }
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(leaf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        String detail = params.stream().map(p -> p.name() + " " + p.reason()).collect(Collectors.joining("; "));
        return respond(Problem.invalid(detail, params));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 415 -> "Unsupported content type.";
            case 406 -> "No acceptable representation.";
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, slug(title), title, detail));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /** 400 for text PostgreSQL cannot store, else a logged 500 with an incident id (shared with the 503 mapper). */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return UnexpectedFailures.answer(e);
    }

    private static Response invalidField(String field, String reason) {
        return respond(Problem.invalid(field + " " + reason, List.of(new Problem.InvalidParam(field, reason))));
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** "submit.body.score" (method, parameter, field) → "score": callers know fields, not Java parameters. */
    private static String leaf(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
