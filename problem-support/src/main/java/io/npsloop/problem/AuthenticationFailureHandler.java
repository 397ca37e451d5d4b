package io.npsloop.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A bad bearer token (expired, foreign key, malformed) fails proactive authentication in the HTTP layer, before any
 * REST exception mapper runs, and Quarkus would answer a bare 401. This failure handler answers it as problem+json
 * like every other error (reliability/FINDINGS.md F3). A missing token and a wrong role still reach the service's
 * own {@code ProblemMappers}.
 * <p>
 * Only a bean where authentication is proactive (the default; analytics, referral): with
 * {@code quarkus.http.auth.proactive=false} (survey) a bad token reaches the REST layer and its mappers instead.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.http.auth.proactive", stringValue = "true", enableIfMissing = true)
public class AuthenticationFailureHandler {

    private final String body;

    AuthenticationFailureHandler(ObjectMapper json) throws JsonProcessingException {
        this.body = json.writeValueAsString(Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required."));
    }

    void install(@Observes Router router) {
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException && !ctx.response().headWritten()) {
                ctx.response().setStatusCode(401).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("WWW-Authenticate", "Bearer").end(body);
            } else {
                ctx.next();
            }
        });
    }
}
