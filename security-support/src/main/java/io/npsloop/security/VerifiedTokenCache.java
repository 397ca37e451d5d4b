package io.npsloop.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients send the same bearer token with every request (the dashboard with every query, the chain's order system
 * with every order), and verifying it (RS256 signature, claims) was about a tenth of the CPU of a dashboard query
 * in the gateway and of an order in survey-service. A token that verified once is remembered, keyed by the whole
 * compact token (signature included, so nothing unverified can match), until the earlier of its {@code exp} and
 * {@code npsloop.jwt-cache.ttl} (which bounds how long a rotated-away key keeps working). Bounded in size; when
 * full it is simply cleared. Everything else (and every failure) goes to smallrye-jwt's own parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private record Entry(JsonWebToken jwt, long until) {
    }

    private final DefaultJWTParser delegate;
    private final JwtCacheConfig config;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(DefaultJWTParser delegate, JwtCacheConfig config) {
        this.delegate = delegate;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (config.maxEntries() <= 0) {
            return delegate.parse(token);
        }
        long now = clock.millis();
        Entry e = verified.get(token);
        if (e != null) {
            if (now < e.until()) {
                return e.jwt();
            }
            verified.remove(token, e);
        }
        JsonWebToken jwt = delegate.parse(token); // throws for a bad, expired or foreign token: never cached
        long exp = jwt.getExpirationTime() * 1000L;
        long until = Math.min(exp, now + config.ttl().toMillis());
        if (until > now) {
            if (verified.size() >= config.maxEntries()) {
                verified.clear();
            }
            verified.put(token, new Entry(jwt, until));
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
