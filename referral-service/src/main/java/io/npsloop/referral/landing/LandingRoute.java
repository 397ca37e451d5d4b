package io.npsloop.referral.landing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.problem.Problem;
import io.npsloop.referral.problem.ThrottledException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * {@code GET /r/{code}} is served by a plain Vert.x route rather than a JAX-RS resource: it is the hot public path
 * (every scan and shared-link visit), and this keeps its overhead close to the bare-route baseline of bench/.
 */
@ApplicationScoped
public class LandingRoute {

    private static final Logger LOG = Logger.getLogger(LandingRoute.class);

    void init(@Observes Router router, LandingResource landing, ObjectMapper mapper) {
        router.get("/r/:code").handler(rc -> handle(rc, landing, mapper));
    }

    private void handle(RoutingContext rc, LandingResource landing, ObjectMapper mapper) {
        try {
            landing.visit(rc.pathParam("code"), rc.queryParams().get("via"), rc.queryParams().get("lang"),
                            rc.request().getHeader("Accept-Language"), rc.request())
                    .subscribe().with(page -> rc.response().setStatusCode(page.status())
                            .putHeader("Content-Type", "text/html;charset=UTF-8")
                            .putHeader("Cache-Control", "no-store")
                            .putHeader("Referrer-Policy", "no-referrer")
                            .end(page.html()), e -> fail(rc, e, mapper));
        } catch (RuntimeException e) {
            fail(rc, e, mapper);
        }
    }

    private static void fail(RoutingContext rc, Throwable e, ObjectMapper mapper) {
        try {
            if (e instanceof ThrottledException t) {
                rc.response().setStatusCode(429).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Retry-After", String.valueOf(t.retryAfterSeconds()))
                        .end(mapper.writeValueAsString(Problem.of(429, "too-many-requests", "Too Many Requests", t.getMessage())));
                return;
            }
            LOG.errorf(e, "landing page failed");
            rc.response().setStatusCode(503).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Retry-After", "5")
                    .end(mapper.writeValueAsString(Problem.of(503, "unavailable", "Service Unavailable", "Please retry shortly.")));
        } catch (Exception ignored) {
            rc.response().setStatusCode(500).end();
        }
    }
}
