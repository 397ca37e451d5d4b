package io.npsloop.referral.code;

import io.npsloop.referral.config.ReferralConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The absolute links of a code. The QR encodes exactly {@link #qrTarget} = {@code {base}/r/{code}} (contracts.md);
 * the share link handed to promoters carries {@code ?via=link}, which is how the landing page tells a shared-link
 * visit from a QR scan (see README.md).
 */
@ApplicationScoped
public class Links {

    private final String base;

    @jakarta.inject.Inject
    Links(ReferralConfig config) {
        this(config.publicBaseUrl());
    }

    public Links(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String qrTarget(String code) {
        return base + "/r/" + code;
    }

    public String shareUrl(String code) {
        return base + "/r/" + code + "?via=link";
    }

    public String api(String code, String file) {
        return base + "/api/v1/referrals/" + code + "/" + file;
    }
}
