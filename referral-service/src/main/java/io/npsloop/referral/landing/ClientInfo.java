package io.npsloop.referral.landing;

import io.npsloop.referral.config.ReferralConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Who is asking: the client address (X-Forwarded-For only when trusted) and the salted visitor hash. */
@ApplicationScoped
public class ClientInfo {

    private final boolean trustForwarded;
    private final String salt;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    ClientInfo(ReferralConfig config) {
        this.trustForwarded = config.rateLimit().trustForwarded();
        this.salt = config.clicks().visitorSalt();
    }

    public String address(HttpServerRequest request) {
        if (trustForwarded) {
            String xff = request.getHeader("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                return xff.split(",")[0].trim();
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    /** SHA-256 of salt, address and user agent: counts unique visitors without keeping who they are. */
    public String visitorHash(HttpServerRequest request) {
        String ua = request.getHeader("User-Agent");
        byte[] d = digests.get().digest((salt + "\n" + address(request) + "\n" + (ua == null ? "" : ua)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 16);
    }
}
