package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Dashboard;
import io.npsloop.gateway.model.NpsResult;
import io.npsloop.gateway.model.RecoveryStats;
import io.npsloop.gateway.model.ReferralFunnel;
import io.npsloop.gateway.model.ResponseFunnel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * analytics-service, fault-tolerant: every call has a timeout and this service's circuit breakers; all calls are
 * idempotent reads, so all are retried (never on a 4xx, which is a {@link DownstreamRejection}).
 */
@ApplicationScoped
@Timeout(2000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamRejection.class)
@Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
public class AnalyticsClient {

    public static final String SERVICE = "analytics-service";

    private final AnalyticsApi api;

    AnalyticsClient(@RestClient AnalyticsApi api) {
        this.api = api;
    }

    public Uni<Dashboard> dashboard(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classifyOrNull(SERVICE, api.dashboard(auth, q));
    }

    public Uni<NpsResult> nps(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classifyOrNull(SERVICE, api.nps(auth, q));
    }

    public Uni<AnalyticsJson.Segments> segments(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.segments(auth, q));
    }

    public Uni<AnalyticsJson.Trend> trend(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.trend(auth, q));
    }

    public Uni<AnalyticsJson.Drivers> drivers(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.drivers(auth, q));
    }

    public Uni<RecoveryStats> recovery(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classifyOrNull(SERVICE, api.recovery(auth, q));
    }

    public Uni<ResponseFunnel> funnel(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classifyOrNull(SERVICE, api.funnel(auth, q));
    }

    public Uni<ReferralFunnel> referralFunnel(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classifyOrNull(SERVICE, api.referralFunnel(auth, q));
    }
}
