package io.npsloop.analytics.feed;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** referral-service's event feed (its README's contract). */
@RegisterRestClient(configKey = "referral")
@Path("/api/v1/events")
interface ReferralFeedClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<FeedPage> events(@QueryParam("after") long after, @QueryParam("limit") int limit,
                         @HeaderParam("Authorization") String authorization);
}
