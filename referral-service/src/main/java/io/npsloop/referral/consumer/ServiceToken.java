package io.npsloop.referral.consumer;

import io.npsloop.referral.config.ReferralConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * This service's own short-lived SERVICE token (smallrye-jwt-build, key at smallrye.jwt.sign.key.location),
 * re-signed when less than a fifth of its life remains.
 */
@ApplicationScoped
public class ServiceToken {

    private final Duration ttl;
    private final String issuer;
    private volatile String token;
    private volatile Instant renewAt = Instant.MIN;

    ServiceToken(ReferralConfig config) {
        this.ttl = config.feed().consumer().tokenTtl();
        this.issuer = config.feed().consumer().tokenIssuer();
    }

    public String bearer() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            synchronized (this) {
                if (token == null || now.isAfter(renewAt)) {
                    token = Jwt.issuer(issuer).subject("referral-service").groups(Set.of("SERVICE"))
                            .claim("stores", List.of()).claim("regions", List.of())
                            .expiresIn(ttl).sign();
                    renewAt = now.plus(ttl.multipliedBy(4).dividedBy(5));
                }
            }
        }
        return "Bearer " + token;
    }
}
