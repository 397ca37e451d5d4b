package io.npsloop.survey.recovery.alert;

import io.npsloop.survey.common.Keys;

/**
 * Webhook signatures: header {@code X-NpsLoop-Signature: t=<epochSeconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * Receivers recompute over the raw body and reject stale timestamps (replay protection).
 */
public final class Signatures {

    public static final String HEADER = "X-NpsLoop-Signature";

    private Signatures() {
    }

    public static String sign(String secret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + Keys.hmacHex(secret, epochSeconds + "." + body);
    }

    /** True when {@code header} is a valid signature of {@code body} under {@code secret}. */
    public static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(Keys.hmacHex(secret, t + "." + body).getBytes(),
                v1.getBytes());
    }
}
