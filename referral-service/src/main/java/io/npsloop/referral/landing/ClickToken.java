package io.npsloop.referral.landing;

import io.npsloop.referral.config.ReferralConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed click a landing page hands to its booking form ({@code code.epochSecond.via.clickId.mac}): the booking
 * knows when this visitor clicked without waiting for the click batch to reach the database, and cannot forge it.
 */
@ApplicationScoped
public class ClickToken {

    public record Click(String code, Instant at, String via, UUID clickId) {
    }

    private final byte[] key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    ClickToken(ReferralConfig config) {
        this.key = config.clicks().tokenSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String sign(Click c) {
        String body = c.code() + "." + c.at().getEpochSecond() + "." + c.via() + "." + c.clickId();
        return body + "." + mac(body);
    }

    public Optional<Click> verify(String token, String expectedCode) {
        if (token == null) {
            return Optional.empty();
        }
        int cut = token.lastIndexOf('.');
        if (cut < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, cut);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
                token.substring(cut + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] p = body.split("\\.");
        if (p.length != 4 || !p[0].equals(expectedCode)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Click(p[0], Instant.ofEpochSecond(Long.parseLong(p[1])), p[2], UUID.fromString(p[3])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(macs.get().doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
