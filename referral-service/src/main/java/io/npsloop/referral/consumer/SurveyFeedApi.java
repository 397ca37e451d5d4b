package io.npsloop.referral.consumer;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(configKey = "survey")
@Path("/api/v1/events")
interface SurveyFeedApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<SurveyEvents> events(@QueryParam("after") long after, @QueryParam("limit") int limit,
                             @HeaderParam("Authorization") String authorization);
}
