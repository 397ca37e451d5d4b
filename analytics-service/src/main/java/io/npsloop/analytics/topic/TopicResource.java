package io.npsloop.analytics.topic;

import io.npsloop.analytics.query.QueryParams;
import io.npsloop.analytics.security.Caller;
import io.npsloop.analytics.topic.TopicDtos.Samples;
import io.npsloop.analytics.topic.TopicDtos.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.LocalDate;
import java.util.List;

/** What the comments say: topics with their NPS impact, and sample comments for store managers and above. */
@Path("/api/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"HQ_ANALYST", "REGION_MANAGER", "SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
        "SERVICE_DIRECTOR", "GENERAL_MANAGER", "SERVICE"})
public class TopicResource {

    private final TopicService service;
    private final JsonWebToken jwt;

    TopicResource(TopicService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    public Uni<Topics> topics(@Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        LocalDate[] r = p.range();
        QueryParams.Filters f = p.filters();
        p.check();
        return service.topics(Caller.of(jwt), f, r[0], r[1]);
    }

    @GET
    @Path("/{topic}/comments")
    public Uni<Samples> comments(@PathParam("topic") String topic, @Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        LocalDate[] r = p.range();
        QueryParams.Filters f = p.filters();
        int limit = limit(uri.getQueryParameters().get("limit"));
        p.check();
        return service.samples(Caller.of(jwt), f, topic, r[0], r[1], limit);
    }

    private static int limit(List<String> v) {
        if (v == null || v.isEmpty()) {
            return 20;
        }
        try {
            int n = Integer.parseInt(v.get(0));
            if (n >= 1 && n <= 200) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw io.npsloop.problem.ProblemException.invalid("limit", "must be an integer 1-200");
    }
}
