package io.npsloop.referral.landing;

import io.npsloop.referral.code.CodeService;
import io.npsloop.referral.code.CodeView;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * The public landing page. Rate-limited per client; unknown, malformed and revoked codes all get the same 404
 * page. A visit is queued as a click (never awaited) and the page carries a signed click token for its form.
 * QR scan vs shared link: the QR encodes exactly {@code {base}/r/{code}}, the share link adds {@code ?via=link}.
 */
@jakarta.enterprise.context.ApplicationScoped
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

    /**
     * {@code GET /r/{code}} as a plain Vert.x route (see {@link LandingRoute}): answers status, headers and body.
     * Rate limit first, then the (cached) code; the click is queued, never awaited.
     */
    public Uni<Page> visit(String code, String via, String lang, String acceptLanguage, HttpServerRequest request) {
        limiter.acquire(clients.address(request));
        Labels t = Labels.pick(lang, acceptLanguage);
        return codes.find(code).chain(found -> {
            if (found.isEmpty()) {
                return notFoundPage(message, t).map(html -> new Page(404, html));
            }
            CodeView v = found.get();
            Instant now = times.now();
            String channel = "link".equalsIgnoreCase(via) ? "LINK" : "QR";
            UUID clickId = fastUuid();
            clicks.record(new ClickRecorder.Click(clickId, v.code(), v.storeId(), channel, clients.visitorHash(request), now));
            String token = tokens.sign(new ClickToken.Click(v.code(), now, channel, clickId));
            return page(v, t, token).map(html -> new Page(200, html));
        });
    }

    public record Page(int status, String html) {
    }

    private static final String TOKEN_SLOT = "__NPSLOOP_CLICK_TOKEN__";

    /** A rendered page split around its click token; rendered once per code, language and store list. */
    private record Rendered(String key, String before, String after) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Rendered> rendered = new java.util.concurrent.ConcurrentHashMap<>();

    /** The page for a code (no click recorded): shared with the bench baseline so both answer the same bytes. */
    public Uni<String> page(CodeView v, Labels t, String token) {
        return stores.active().chain(list -> {
            String key = v.code() + "|" + v.storeName() + "|" + v.displayName() + "|" + System.identityHashCode(list);
            Rendered r = rendered.get(t.lang() + v.code());
            if (r != null && r.key().equals(key)) {
                return Uni.createFrom().item(r.before() + token + r.after());
            }
            String offer = t == Labels.EN ? config.referral().offerEn() : config.referral().offerZh();
            return landing.data("t", t).data("code", v.code()).data("storeId", v.storeId()).data("storeName", v.storeName())
                    .data("displayName", v.displayName()).data("offer", offer).data("clickToken", TOKEN_SLOT).data("stores", list)
                    .createUni()
                    .map(html -> {
                        int at = html.indexOf(TOKEN_SLOT);
                        Rendered fresh = new Rendered(key, html.substring(0, at), html.substring(at + TOKEN_SLOT.length()));
                        if (rendered.size() > 10_000) {
                            rendered.clear();
                        }
                        rendered.put(t.lang() + v.code(), fresh);
                        return fresh.before() + token + fresh.after();
                    });
        });
    }

    /** A random (version 4) UUID from ThreadLocalRandom: click ids need uniqueness, not secrecy (the token is signed). */
    static UUID fastUuid() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    static Uni<String> notFoundPage(Template message, Labels t) {
        return message.data("t", t).data("title", t.notFoundTitle()).data("text", t.notFoundText()).data("back", null).createUni();
    }
}
