package io.npsloop.referral.code;

import io.npsloop.referral.config.ReferralConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Referral codes: {@code length} characters of a 32-letter alphabet without 0/O/1/I (unambiguous read aloud,
 * URL-safe), each 5 random bits from SecureRandom — 11 characters give 55 bits.
 */
@ApplicationScoped
public class CodeGenerator {

    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private final SecureRandom random = new SecureRandom();
    private final int length;

    @jakarta.inject.Inject
    CodeGenerator(ReferralConfig config) {
        this(config.referral().codeLength());
    }

    public CodeGenerator(int length) {
        if (length * 5 < 50) {
            throw new IllegalArgumentException("a code needs at least 50 random bits: length >= 10");
        }
        this.length = length;
    }

    public String next() {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(c);
    }

    /** The canonical form of a code typed or scanned (upper case), or null when it cannot be a code at all. */
    public static String canonical(String raw) {
        if (raw == null || raw.length() < 10 || raw.length() > 16) {
            return null;
        }
        String up = raw.toUpperCase(Locale.ROOT);
        for (int i = 0; i < up.length(); i++) {
            if (ALPHABET.indexOf(up.charAt(i)) < 0) {
                return null;
            }
        }
        return up;
    }
}
