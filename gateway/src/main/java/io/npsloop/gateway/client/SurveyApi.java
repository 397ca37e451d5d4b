package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Case;
import io.npsloop.gateway.model.Invitation;
import io.npsloop.gateway.model.Passive;
import io.npsloop.gateway.model.Region;
import io.npsloop.gateway.model.Store;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;

/** survey-service REST API as pinned in DEVELOPERS.md. */
@RegisterRestClient(configKey = "survey")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
interface SurveyApi {

    @GET
    @Path("/regions")
    Uni<Page<Region>> regions(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/stores")
    Uni<Page<Store>> stores(@HeaderParam("Authorization") String auth, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("after") String after);

    /** Bulk look-up, answers in input order. */
    @GET
    @Path("/stores")
    Uni<Page<Store>> storesByIds(@HeaderParam("Authorization") String auth, @QueryParam("ids") List<String> ids);

    @GET
    @Path("/stores/{id}")
    Uni<Store> store(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @GET
    @Path("/invitations")
    Uni<Page<Invitation>> invitations(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/cases")
    Uni<Page<Case>> cases(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/cases/{id}")
    Uni<Case> caseById(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    /** SOP actions: first-contact, classification, remedy, gm-follow-up, close. */
    @POST
    @Path("/cases/{id}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Case> caseAction(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @PathParam("action") String action, Map<String, Object> body);

    @GET
    @Path("/passives")
    Uni<Page<Passive>> passives(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @POST
    @Path("/passives/{id}/done")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Passive> passiveDone(@HeaderParam("Authorization") String auth, @PathParam("id") String id, Map<String, Object> body);
}
