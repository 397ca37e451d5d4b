package io.npsloop.analytics.health;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.feed.FeedConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Feed lag in readiness details. Lag alone does not make the service unready: old figures beat no figures. */
@Readiness
@ApplicationScoped
public class FeedHealthCheck implements HealthCheck {

    private final FeedConsumer consumer;
    private final AnalyticsConfig config;

    FeedHealthCheck(FeedConsumer consumer, AnalyticsConfig config) {
        this.consumer = consumer;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("Event feeds").up().withData("enabled", config.feed().enabled());
        for (String s : config.feed().sources()) {
            FeedConsumer.Lag lag = consumer.lag(s);
            if (lag == null) {
                continue;
            }
            b.withData(s + ".position", lag.position());
            b.withData(s + ".lagEvents", lag.events());
            b.withData(s + ".lagSeconds", lag.seconds());
            b.withData(s + ".lastSuccess", lag.lastSuccess() == null ? "never" : lag.lastSuccess().toString());
            if (lag.lastError() != null) {
                b.withData(s + ".lastError", lag.lastError());
            }
        }
        return b.build();
    }
}
