package io.npsloop.analytics.feed;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;

/** The short-lived SERVICE token analytics signs for itself (smallrye.jwt.sign.key.location) to read feeds. */
@ApplicationScoped
public class ServiceToken {

    private final AnalyticsConfig config;
    private final Clock clock;
    private final String issuer;
    private volatile String bearer;
    private volatile Instant renewAt = Instant.MIN;

    ServiceToken(AnalyticsConfig config, Clock clock,
                 @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://npsloop.dev/issuer") String issuer) {
        this.config = config;
        this.clock = clock;
        this.issuer = issuer;
    }

    public String bearer() {
        Instant now = clock.instant();
        if (bearer == null || now.isAfter(renewAt)) {
            var lifetime = config.feed().tokenLifetime();
            bearer = ServiceTokens.bearer(issuer, "analytics-service", now, lifetime);
            renewAt = now.plus(lifetime.dividedBy(2));
        }
        return bearer;
    }
}
