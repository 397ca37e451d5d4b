package io.npsloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpsloopTest {

    @TempDir
    static Path home;

    @BeforeAll
    static void pointHomeAtTempDir() {
        System.setProperty("npsloop.home", home.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("npsloop.home");
    }

    @Test
    void tokenIsSignedByTheGeneratedKeyAndCarriesTheClaims() throws Exception {
        String out = run("token", "store_manager", "--stores", "S01, S02", "--regions", "R1", "--hours", "2");
        String[] lines = out.strip().split("\n");
        String[] jwt = lines[lines.length - 1].split("\\.");
        assertEquals(3, jwt.length, "the last line is a compact JWS");

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertEquals("[\"STORE_MANAGER\"]", claims.get("groups").toString());
        assertEquals("[\"S01\",\"S02\"]", claims.get("stores").toString());
        assertEquals("[\"R1\"]", claims.get("regions").toString());
        assertEquals(DevKeys.ISSUER, claims.get("iss").asText());
        assertEquals(2 * 3600, claims.get("exp").asLong() - claims.get("iat").asLong());

        String pem = Files.readString(home.resolve(".npsloop/jwt/publicKey.pem")).replaceAll("-----[A-Z ]+-----|\\s", "");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt[2])), "signature verifies with the dev public key");
    }

    @Test
    void theSameKeysServeEveryRun() throws Exception {
        run("token", "HQ_ANALYST");
        byte[] first = Files.readAllBytes(home.resolve(".npsloop/jwt/privateKey.pem"));
        run("token", "HQ_ANALYST");
        assertEquals(new String(first), Files.readString(home.resolve(".npsloop/jwt/privateKey.pem")));
        assertEquals(64, Files.readString(home.resolve(".npsloop/customer-key.secret")).strip().length());
    }

    @Test
    void badInputIsAOneLineError() {
        for (List<String> args : List.of(List.<String>of(), List.of("frobnicate"), List.of("token"), List.of("token", "--stores", "S01"),
                List.of("token", "KING"), List.of("token", "HQ_ANALYST", "--stores"), List.of("token", "HQ_ANALYST", "--hours", "0"),
                List.of("token", "HQ_ANALYST", "--hours", "many"), List.of("token", "HQ_ANALYST", "--colour", "red"),
                List.of("up", "--now"), List.of("down", "x"))) {
            LauncherException e = assertThrows(LauncherException.class, () -> run(args.toArray(String[]::new)), args.toString());
            assertTrue(!e.getMessage().contains("\n") && !e.getMessage().isBlank(), "one line: " + e.getMessage());
        }
    }

    @Test
    void helpNamesEveryCommand() {
        String help = run("help");
        for (String command : List.of("up", "down", "status", "token", "help", "NPSLOOP_DB_URL")) {
            assertTrue(help.contains(command), command);
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Npsloop.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
