package io.npsloop.survey.invitation;

import java.security.SecureRandom;
import java.util.Base64;

/** Invitation tokens: 192 random bits from SecureRandom, base64url without padding (32 characters). */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Cheap shape check before any database look-up. */
    public static boolean wellFormed(String token) {
        return token != null && token.length() >= 16 && token.length() <= 64 && token.matches("[A-Za-z0-9_-]+");
    }
}
