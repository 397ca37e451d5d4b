package io.npsloop.referral.landing;

import io.npsloop.referral.code.CodeService;
import io.npsloop.referral.code.CodeView;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/**
 * The public landing page. Rate-limited per client; unknown, malformed and revoked codes all get the same 404
 * page. A visit is queued as a click (never awaited) and the page carries a signed click token for its form.
 * QR scan vs shared link: the QR encodes exactly {@code {base}/r/{code}}, the share link adds {@code ?via=link}.
 */
@Path("/r/{code}")
public class LandingResource {

    @Inject
    CodeService codes;
    @Inject
    StoreDirectory stores;
    @Inject
    ClickRecorder clicks;
    @Inject
    ClickToken tokens;
    @Inject
    ClientInfo clients;
    @Inject
    RateLimiter limiter;
    @Inject
    Times times;
    @Inject
    ReferralConfig config;
    @Inject
    Template landing;
    @Inject
    Template message;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> visit(@PathParam("code") String code, @QueryParam("via") String via, @QueryParam("lang") String lang,
                               @HeaderParam("Accept-Language") String acceptLanguage, @Context HttpServerRequest request) {
        limiter.acquire(clients.address(request));
        Labels t = Labels.pick(lang, acceptLanguage);
        return codes.find(code).chain(found -> {
            if (found.isEmpty()) {
                return notFound(message, t);
            }
            CodeView v = found.get();
            Instant now = times.now();
            String channel = "link".equalsIgnoreCase(via) ? "LINK" : "QR";
            UUID clickId = UUID.randomUUID();
            clicks.record(new ClickRecorder.Click(clickId, v.code(), v.storeId(), channel, clients.visitorHash(request), now));
            String token = tokens.sign(new ClickToken.Click(v.code(), now, channel, clickId));
            return page(v, t, token).map(html -> Response.ok(html, "text/html;charset=UTF-8")
                    .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build());
        });
    }

    /** The page for a code (no click recorded): shared with the bench baseline so both answer the same bytes. */
    public Uni<String> page(CodeView v, Labels t, String token) {
        String offer = t == Labels.EN ? config.referral().offerEn() : config.referral().offerZh();
        return stores.active().chain(list -> landing
                .data("t", t).data("code", v.code()).data("storeId", v.storeId()).data("storeName", v.storeName())
                .data("displayName", v.displayName()).data("offer", offer).data("clickToken", token).data("stores", list)
                .createUni());
    }

    static Uni<Response> notFound(Template message, Labels t) {
        return message.data("t", t).data("title", t.notFoundTitle()).data("text", t.notFoundText()).data("back", null)
                .createUni()
                .map(html -> Response.status(404).entity(html).type("text/html;charset=UTF-8").header("Cache-Control", "no-store").build());
    }
}
