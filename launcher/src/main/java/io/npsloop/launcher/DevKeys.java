package io.npsloop.launcher;

import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The local run's secrets, generated on first start into {@code .npsloop/} and never used anywhere else:
 * an RSA key pair that signs and verifies dev JWTs, and the customer-key HMAC secret.
 */
final class DevKeys {

    static final String ISSUER = "https://npsloop.dev/issuer";
    static final Set<String> ROLES = Set.of("SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
            "SERVICE_DIRECTOR", "GENERAL_MANAGER", "REGION_MANAGER", "HQ_ANALYST", "INTEGRATION", "SERVICE");

    private final Path privateKey;
    private final Path publicKey;
    private final Path customerKeySecret;

    DevKeys(Home home) {
        Path dir = Home.mkdirs(home.state("jwt"));
        this.privateKey = dir.resolve("privateKey.pem");
        this.publicKey = dir.resolve("publicKey.pem");
        this.customerKeySecret = home.state("customer-key.secret");
    }

    DevKeys ensure() {
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            if (!Files.exists(customerKeySecret)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Files.writeString(customerKeySecret, HexFormat.of().formatHex(secret));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Path privateKeyFile() {
        return privateKey;
    }

    Path publicKeyFile() {
        return publicKey;
    }

    String customerKeySecret() {
        try {
            return Files.readString(customerKeySecret).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String token(String role, List<String> stores, List<String> regions, Duration validity) {
        if (!ROLES.contains(role)) {
            throw new LauncherException("unknown role '" + role + "'; one of " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        return Jwt.issuer(ISSUER)
                .subject("dev-" + role.toLowerCase().replace('_', '-'))
                .upn("dev-" + role.toLowerCase().replace('_', '-'))
                .groups(Set.of(role))
                .claim("stores", stores)
                .claim("regions", regions)
                .expiresIn(validity)
                .sign(readPrivateKey());
    }

    private PrivateKey readPrivateKey() {
        try {
            String pem = Files.readString(privateKey, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new LauncherException("cannot read the dev signing key " + privateKey + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new LauncherException("the dev signing key " + privateKey + " is damaged; delete .npsloop/jwt to make a new one");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
