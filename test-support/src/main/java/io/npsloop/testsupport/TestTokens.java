package io.npsloop.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Signs JWTs with the test key pair shipped in this module ({@code npsloop-test-keys/}). Services verify with
 * {@code mp.jwt.verify.publickey.location=npsloop-test-keys/publicKey.pem} in their {@code %test} profile.
 * These keys protect nothing: they exist only on the test classpath.
 */
public final class TestTokens {

    public static final String ISSUER = "https://npsloop.dev/issuer";

    private TestTokens() {
    }

    public static String token(String role, String... stores) {
        return builder(Set.of(role), List.of(stores), List.of()).sign(key("privateKey.pem"));
    }

    public static String regionToken(String role, String... regions) {
        return builder(Set.of(role), List.of(), List.of(regions)).sign(key("privateKey.pem"));
    }

    public static String expired(String role, String... stores) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return builder(Set.of(role), List.of(stores), List.of())
                .issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5)))
                .sign(key("privateKey.pem"));
    }

    public static String signedWithWrongKey(String role, String... stores) {
        return builder(Set.of(role), List.of(stores), List.of()).sign(key("wrongPrivateKey.pem"));
    }

    public static String bearer(String role, String... stores) {
        return "Bearer " + token(role, stores);
    }

    private static JwtClaimsBuilder builder(Set<String> roles, List<String> stores, List<String> regions) {
        return Jwt.issuer(ISSUER)
                .subject("test-" + String.join("-", roles).toLowerCase())
                .groups(roles)
                .claim("stores", stores)
                .claim("regions", regions)
                .expiresIn(Duration.ofHours(1));
    }

    private static PrivateKey key(String file) {
        try (InputStream in = TestTokens.class.getResourceAsStream("/npsloop-test-keys/" + file)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read test key " + file, e);
        }
    }
}
