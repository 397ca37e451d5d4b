package io.npsloop.gateway.api;

import io.npsloop.gateway.client.ReferralClient;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /media/referrals/{code}/qr.svg}: the promoter's QR code, fetched from referral-service, so the dashboard
 * page loads everything from its own origin (no request to another host).
 */
@Path("/media/referrals")
public class MediaResource {

    private final ReferralClient referral;

    MediaResource(ReferralClient referral) {
        this.referral = referral;
    }

    @GET
    @Path("/{code}/qr.svg")
    public Uni<Response> qr(@PathParam("code") String code) {
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new NotFoundException();
        }
        return referral.qrSvg(code).map(svg -> {
            if (svg == null) {
                throw new NotFoundException();
            }
            return Response.ok(svg, "image/svg+xml").header("Cache-Control", "public, max-age=3600").build();
        }).onFailure(t -> !(t instanceof NotFoundException)).recoverWithItem(() -> Response.status(502).build());
    }
}
