package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Funnel;
import io.npsloop.gateway.model.Reward;
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

/** referral-service REST API as pinned in DEVELOPERS.md. */
@RegisterRestClient(configKey = "referral")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
interface ReferralApi {

    @GET
    @Path("/promoters")
    Uni<Page<ReferralJson.PromoterItem>> promoters(@HeaderParam("Authorization") String auth,
            @RestQuery MultivaluedMap<String, String> query);

    /** Bulk funnels, answers in input order. */
    @GET
    @Path("/funnels")
    Uni<Page<ReferralJson.CodeFunnel>> funnels(@HeaderParam("Authorization") String auth, @QueryParam("code") List<String> codes);

    @GET
    @Path("/rewards")
    Uni<Page<Reward>> rewards(@HeaderParam("Authorization") String auth, @RestQuery MultivaluedMap<String, String> query);

    /** The promoter's QR code (public in referral-service). */
    @GET
    @Path("/referrals/{code}/qr.svg")
    @Produces("image/svg+xml")
    Uni<String> qrSvg(@PathParam("code") String code);

    /** approve, reject ({"reason"}), issue. */
    @POST
    @Path("/rewards/{id}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Reward> rewardAction(@HeaderParam("Authorization") String auth, @PathParam("id") String id,
            @PathParam("action") String action, Map<String, Object> body);
}
