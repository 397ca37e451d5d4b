package io.npsloop.security;

import io.npsloop.testsupport.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokenCacheTest {

    /** The real smallrye-jwt parser with the test public key, counting how often it really verifies. */
    static final class CountingParser extends DefaultJWTParser {
        final AtomicInteger verifications = new AtomicInteger();

        CountingParser(JWTAuthContextInfo info) {
            super(info);
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.incrementAndGet();
            return super.parse(token);
        }
    }

    static CountingParser parser() throws Exception {
        try (InputStream in = VerifiedTokenCacheTest.class.getClassLoader().getResourceAsStream("npsloop-test-keys/publicKey.pem")) {
            PublicKey key = KeyUtils.decodePublicKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new CountingParser(new JWTAuthContextInfo(key, TestTokens.ISSUER));
        }
    }

    static JwtCacheConfig config(Duration ttl, int maxEntries) {
        return new JwtCacheConfig() {
            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public int maxEntries() {
                return maxEntries;
            }
        };
    }

    @Test
    void aTokenIsVerifiedOnceAndThenRemembered() throws Exception {
        CountingParser delegate = parser();
        VerifiedTokenCache cache = new VerifiedTokenCache(delegate, config(Duration.ofMinutes(5), 10));
        String token = TestTokens.token("INTEGRATION");
        JsonWebToken first = cache.parse(token);
        assertSame(first, cache.parse(token));
        assertEquals(1, delegate.verifications.get());
        assertEquals(java.util.Set.of("INTEGRATION"), first.getGroups());
    }

    @Test
    void badTokensAreRefusedEveryTimeAndNeverRemembered() throws Exception {
        CountingParser delegate = parser();
        VerifiedTokenCache cache = new VerifiedTokenCache(delegate, config(Duration.ofMinutes(5), 10));
        for (String bad : new String[]{TestTokens.expired("INTEGRATION"), TestTokens.signedWithWrongKey("INTEGRATION"), "not.a.jwt"}) {
            assertThrows(ParseException.class, () -> cache.parse(bad));
            assertThrows(ParseException.class, () -> cache.parse(bad));
        }
        assertEquals(6, delegate.verifications.get());
    }

    @Test
    void aTokenWithAnAlteredSignatureIsNotTheRememberedOne() throws Exception {
        VerifiedTokenCache cache = new VerifiedTokenCache(parser(), config(Duration.ofMinutes(5), 10));
        String token = TestTokens.token("HQ_ANALYST");
        cache.parse(token);
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThrows(ParseException.class, () -> cache.parse(altered));
    }

    @Test
    void offOrFullTheCacheStillAnswersCorrectly() throws Exception {
        CountingParser off = parser();
        VerifiedTokenCache none = new VerifiedTokenCache(off, config(Duration.ofMinutes(5), 0));
        String token = TestTokens.token("INTEGRATION");
        none.parse(token);
        none.parse(token);
        assertEquals(2, off.verifications.get());

        CountingParser small = parser();
        VerifiedTokenCache one = new VerifiedTokenCache(small, config(Duration.ofMinutes(5), 1));
        String a = TestTokens.token("INTEGRATION");
        String b = TestTokens.token("HQ_ANALYST");
        assertEquals(java.util.Set.of("INTEGRATION"), one.parse(a).getGroups());
        assertEquals(java.util.Set.of("HQ_ANALYST"), one.parse(b).getGroups());
        assertEquals(java.util.Set.of("INTEGRATION"), one.parse(a).getGroups());
        assertEquals(3, small.verifications.get());
    }

    @Test
    void aZeroTtlRemembersNothing() throws Exception {
        CountingParser delegate = parser();
        VerifiedTokenCache cache = new VerifiedTokenCache(delegate, config(Duration.ZERO, 10));
        String token = TestTokens.token("INTEGRATION");
        cache.parse(token);
        cache.parse(token);
        assertEquals(2, delegate.verifications.get());
    }
}
