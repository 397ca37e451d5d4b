package io.npsloop.analytics.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags of query answers. An answer is a function of the data version, the query string and the caller (the
 * bearer token: its roles and stores scope the answer), so the tag is a digest of exactly these three: equal tags
 * mean equal answers, and a client holding one (the gateway's response cache) can revalidate without the body.
 */
final class ETags {

    private static final HexFormat HEX = HexFormat.of();

    private ETags() {
    }

    /** A strong tag ({@code "…"}), or null when the version is unknown. */
    static String of(String version, String rawQuery, String rawToken) {
        if (version == null) {
            return null;
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        for (String part : new String[]{version, rawQuery, rawToken}) {
            sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        byte[] d = sha.digest();
        return '"' + HEX.formatHex(d, 0, 16) + '"';
    }

    /** Whether an If-None-Match header names the tag (a list, weak forms and {@code *} included, RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || tag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
