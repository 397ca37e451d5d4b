package io.npsloop.survey.response;

import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.invitation.Tokens;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** The survey answer as JSON; no login, the invitation token is the credential. */
@Path("/api/v1/surveys/{token}/response")
@PermitAll
public class ResponseResource {

    private final ResponseService responses;
    private final NpsloopConfig config;

    ResponseResource(ResponseService responses, NpsloopConfig config) {
        this.responses = responses;
        this.config = config;
    }

    /** The answer's body: which response the answer was stored as. */
    public record Receipt(UUID responseId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@PathParam("token") String token, @QueryParam("via") String via,
                                ResponseInput in,
                                @Context HttpServerRequest request) {
        if (!Tokens.wellFormed(token)) {
            throw ProblemException.notFound("No survey with this link.");
        }
        if (in == null) {
            throw new ProblemException(Problem.invalid("body is required",
                    List.of(new Problem.InvalidParam("body", "is required"))));
        }
        // Checked by ResponseService.validate, not by a bean-validation interceptor: the same rules (the annotations on
        // ResponseInput document them in the OpenAPI schema) at a fraction of the cost on the busiest endpoint.
        return responses.submit(token, in, Clients.of(request, config, via))
                .map(s -> Response.status(s.status()).entity(new Receipt(s.responseId())).build());
    }
}
