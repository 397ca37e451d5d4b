package io.npsloop.referral.landing;

import io.npsloop.referral.code.CodeService;
import io.npsloop.referral.config.ReferralConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Bench only ({@code npsloop.bench.baseline-enabled=true}): {@code GET /bench/baseline/{code}} answers, from a bare
 * Vert.x route, the bytes of that code's landing page rendered once — no look-up, no click, no template. bench/
 * compares /r/{code} against it in the same run.
 */
@ApplicationScoped
public class BaselineRoute {

    private final ConcurrentHashMap<String, Buffer> pages = new ConcurrentHashMap<>();

    void init(@Observes Router router, ReferralConfig config, CodeService codes, LandingResource landing, ClickToken tokens) {
        if (!config.bench().baselineEnabled()) {
            return;
        }
        router.get("/bench/baseline/:code").handler(rc -> {
            String code = rc.pathParam("code");
            Buffer page = pages.get(code);
            if (page != null) {
                rc.response().putHeader("Content-Type", "text/html;charset=UTF-8").putHeader("Cache-Control", "no-store")
                        .putHeader("Referrer-Policy", "no-referrer").end(page);
                return;
            }
            codes.find(code).chain(v -> landing.page(v.orElseThrow(), Labels.ZH,
                            tokens.sign(new ClickToken.Click(code, java.time.Instant.now(), "QR", java.util.UUID.randomUUID()))))
                    .subscribe().with(html -> {
                        pages.put(code, Buffer.buffer(html));
                        rc.response().putHeader("Content-Type", "text/html;charset=UTF-8").end(html);
                    }, rc::fail);
        });
    }
}
