package io.npsloop.analytics.initiative;

import io.npsloop.analytics.initiative.InitiativeDtos.*;
import io.npsloop.problem.ProblemException;
import io.npsloop.analytics.query.QueryParams;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.List;

/** What each improvement earned: initiatives, their difference-in-differences effect, ranked by cost per point. */
@Path("/api/v1/initiatives")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"HQ_ANALYST", "REGION_MANAGER", "SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
        "SERVICE_DIRECTOR", "GENERAL_MANAGER"})
public class InitiativeResource {

    private final InitiativeService service;
    private final JsonWebToken jwt;

    InitiativeResource(InitiativeService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(InitiativeRequest body, @Context UriInfo uri) {
        return service.create(Caller.of(jwt), body).map(i -> Response
                .created(URI.create(uri.getBaseUri().toString().replaceAll("/$", "") + "/api/v1/initiatives/" + i.id()))
                .entity(i).build());
    }

    @GET
    public Uni<Page<Ranked>> list(@Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        QueryParams.Filters f = p.filters();
        Category category = uri.getQueryParameters().containsKey("category") ? p.choice("category", Category.class) : null;
        p.check();
        return service.list(Caller.of(jwt), f.storeIds(), category);
    }

    @GET
    @Path("/{id}")
    public Uni<Initiative> get(@PathParam("id") String id) {
        return service.get(Caller.of(jwt), check(id));
    }

    @GET
    @Path("/{id}/effect")
    public Uni<Effect> effect(@PathParam("id") String id) {
        return service.effect(Caller.of(jwt), check(id));
    }

    private static String check(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            throw ProblemException.notFound("no initiative " + id);
        }
        return id;
    }

    static List<String> none() {
        return List.of();
    }
}
