package io.npsloop.survey.common;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** customerKey / plateKey: lower-case hex HMAC-SHA256 of the normalised value under the suite secret. */
public final class Keys {

    // compiled once: String.replaceAll compiles its pattern on every call (every order normalises both)
    private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern PLATE_SEPARATOR = Pattern.compile("[\\s.\\-·•]");

    private Keys() {
    }

    /** Digits only; a leading 86 is dropped when 13 digits remain ({@code +86 138-0013-8000} → {@code 13800138000}). */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = NOT_DIGIT.matcher(phone).replaceAll("");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits;
    }

    /** Upper-cased with spaces, dots and dashes removed ({@code 粤b·12345}? only ASCII dots/dashes/spaces and the middle dot). */
    public static String normalisePlate(String plate) {
        if (plate == null) {
            return null;
        }
        return PLATE_SEPARATOR.matcher(plate).replaceAll("").toUpperCase(Locale.ROOT);
    }

    public static String customerKey(String secret, String phone) {
        String n = normalisePhone(phone);
        return n == null || n.isEmpty() ? null : hmacHex(secret, n);
    }

    public static String plateKey(String secret, String plate) {
        String n = normalisePlate(plate);
        return n == null || n.isEmpty() ? null : hmacHex(secret, n);
    }

    /**
     * One initialised Mac per thread and secret: {@code Mac.getInstance} walks the security providers and
     * {@code init} expands the key, which cost more than the digest itself on every answer and order.
     */
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);

    public static String hmacHex(String secret, String value) {
        Mac mac = MACS.get().computeIfAbsent(secret, Keys::newMac);
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** 张三 → 张*, 欧阳娜娜 → 欧***; null or blank → null. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String t = name.strip();
        int first = t.codePointAt(0);
        int rest = Math.max(1, t.codePointCount(0, t.length()) - 1);
        return new String(Character.toChars(first)) + "*".repeat(rest);
    }
}
