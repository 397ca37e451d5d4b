package io.npsloop.survey.referral;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** referral-service, {@code quarkus.rest-client.referral.url}. */
@RegisterRestClient(configKey = "referral")
@Path("/api/v1/referrals")
interface ReferralApi {

    record IssueRequest(String customerKey, String storeId, String displayName) {
    }

    @POST
    @Path("/issue")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Referral> issue(@HeaderParam("Authorization") String authorization, IssueRequest request);
}
