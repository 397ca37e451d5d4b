package io.npsloop.security;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The SERVICE token one of the suite's own components signs for itself (smallrye.jwt.sign.key.location) to call
 * another: role SERVICE, no store or region scope. Callers decide how long to keep and when to renew it.
 */
public final class ServiceTokens {

    private ServiceTokens() {
    }

    /** {@code "Bearer <jwt>"} for {@code subject}, valid from {@code now} for {@code lifetime}. */
    public static String bearer(String issuer, String subject, Instant now, Duration lifetime) {
        return "Bearer " + Jwt.issuer(issuer).subject(subject).groups(Set.of("SERVICE"))
                .claim("stores", List.of()).claim("regions", List.of())
                .issuedAt(now).expiresAt(now.plus(lifetime)).sign();
    }
}
