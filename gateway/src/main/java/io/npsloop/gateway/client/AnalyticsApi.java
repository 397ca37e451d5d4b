package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Dashboard;
import io.npsloop.gateway.model.NpsResult;
import io.npsloop.gateway.model.ReferralFunnel;
import io.npsloop.gateway.model.ResponseFunnel;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** analytics-service REST API as pinned in DEVELOPERS.md; {@code query} carries from/to/week and the filters. */
@RegisterRestClient(configKey = "analytics")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
interface AnalyticsApi {

    /** The dashboard with its entity tag; given {@code ifNoneMatch} equal to the current one: 304, no body. */
    @GET
    @Path("/dashboard")
    Uni<RestResponse<Dashboard>> dashboard(@HeaderParam("Authorization") String auth,
            @RestQuery MultivaluedMap<String, String> query, @HeaderParam("If-None-Match") String ifNoneMatch);

    @GET
    @Path("/nps")
    Uni<NpsResult> nps(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/segments")
    Uni<AnalyticsJson.Segments> segments(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/trend")
    Uni<AnalyticsJson.Trend> trend(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/drivers")
    Uni<AnalyticsJson.Drivers> drivers(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/recovery")
    Uni<io.npsloop.gateway.model.RecoveryStats> recovery(@HeaderParam("Authorization") String auth,
            @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/funnel")
    Uni<ResponseFunnel> funnel(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/referral-funnel")
    Uni<ReferralFunnel> referralFunnel(@HeaderParam("Authorization") String auth,
            @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/topics")
    Uni<AnalyticsJson.Topics> topics(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/initiatives")
    Uni<AnalyticsJson.Ranking> initiatives(@HeaderParam("Authorization") String auth,
            @RestQuery MultivaluedMap<String, String> query);

    @GET
    @Path("/initiatives/{id}")
    Uni<io.npsloop.gateway.model.Initiative> initiative(@HeaderParam("Authorization") String auth,
            @jakarta.ws.rs.PathParam("id") String id);

    @GET
    @Path("/initiatives/{id}/effect")
    Uni<io.npsloop.gateway.model.InitiativeEffect> initiativeEffect(@HeaderParam("Authorization") String auth,
            @jakarta.ws.rs.PathParam("id") String id);
}
