package io.npsloop.referral.code;

import io.npsloop.referral.config.ReferralConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * customerKey and plateKey exactly as survey-service's README defines them: lower-case hex HMAC-SHA256 under
 * the suite secret of the normalised phone (digits only, a leading 86 dropped when 13 digits remain) or of the
 * plate (upper case, spaces, dots and dashes removed).
 */
@ApplicationScoped
public class CustomerKeys {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern PLATE = Pattern.compile("[\\p{IsHan}A-Z][A-Z0-9\\p{IsHan}]{5,8}");
    private final byte[] secret;

    @jakarta.inject.Inject
    CustomerKeys(ReferralConfig config) {
        this(config.customerKey().secret());
    }

    public CustomerKeys(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public static String normalisePhone(String phone) {
        String digits = phone == null ? "" : phone.replaceAll("\\D", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits;
    }

    public static boolean isMainlandMobile(String phone) {
        return phone != null && phone.matches("[+\\d\\s().-]{11,20}") && MAINLAND_MOBILE.matcher(normalisePhone(phone)).matches();
    }

    public static String normalisePlate(String plate) {
        return plate == null ? "" : plate.toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
    }

    public static boolean isPlate(String plate) {
        return PLATE.matcher(normalisePlate(plate)).matches();
    }

    public String customerKey(String phone) {
        return hmac(normalisePhone(phone));
    }

    public String plateKey(String plate) {
        return hmac(normalisePlate(plate));
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The masked display name: first character and one star (张三 → 张*); null stays null. */
    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String t = name.strip();
        int first = t.offsetByCodePoints(0, 1);
        return t.substring(0, first) + "*";
    }
}
