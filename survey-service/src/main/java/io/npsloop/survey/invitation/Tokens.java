package io.npsloop.survey.invitation;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Invitation tokens: 192 random bits from SecureRandom, base64url without padding (32 characters). */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+");

    private Tokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Cheap shape check before any database look-up. */
    public static boolean wellFormed(String token) {
        return token != null && token.length() >= 16 && token.length() <= 64 && SHAPE.matcher(token).matches();
    }
}
