package io.npsloop.survey.referral;

import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.security.Roles;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * This service's own short-lived SERVICE token, signed with {@code smallrye.jwt.sign.key.location}; re-signed when
 * less than a third of its lifetime remains.
 */
@ApplicationScoped
public class ServiceToken {

    private final NpsloopConfig config;
    private volatile String token;
    private volatile Instant renewAt = Instant.EPOCH;

    ServiceToken(NpsloopConfig config) {
        this.config = config;
    }

    public String bearer() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(renewAt)) {
            synchronized (this) {
                if (token == null || now.isAfter(renewAt)) {
                    var lifetime = config.serviceToken().lifetime();
                    token = Jwt.issuer(config.serviceToken().issuer())
                            .subject(config.serviceToken().subject())
                            .groups(Set.of(Roles.SERVICE))
                            .expiresIn(lifetime)
                            .sign();
                    renewAt = now.plus(lifetime.multipliedBy(2).dividedBy(3));
                }
            }
        }
        return "Bearer " + token;
    }
}
