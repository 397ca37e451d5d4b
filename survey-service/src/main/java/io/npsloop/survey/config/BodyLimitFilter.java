package io.npsloop.survey.config;

import io.npsloop.survey.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * JSON and form writes are small; a body announced above {@code npsloop.http.max-json-body-bytes} is refused with
 * 413 before it is read. The CSV import endpoints stream large bodies and are held to the global
 * {@code quarkus.http.limits.max-body-size} instead.
 */
@ApplicationScoped
public class BodyLimitFilter {

    void register(@Observes Filters filters, NpsloopConfig config) {
        long max = config.http().maxJsonBodyBytes();
        filters.register(rc -> {
            HttpMethod m = rc.request().method();
            String path = rc.normalizedPath();
            String length = rc.request().getHeader("Content-Length");
            if ((m == HttpMethod.POST || m == HttpMethod.PUT) && length != null
                    && !path.equals("/api/v1/imports") && !path.equals("/api/v1/stores/import")) {
                long n;
                try {
                    n = Long.parseLong(length.strip());
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n > max) {
                    rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close")
                            .end("{\"type\":\"https://npsloop.dev/problems/payload-too-large\",\"title\":\"Payload Too Large\","
                                    + "\"status\":413,\"detail\":\"The request body is larger than " + max + " bytes.\"}");
                    return;
                }
            }
            rc.next();
        }, 100);
    }
}
