package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Dashboard;
import io.npsloop.gateway.model.NpsResult;
import io.npsloop.gateway.model.RecoveryStats;
import io.npsloop.gateway.model.ReferralFunnel;
import io.npsloop.gateway.model.ResponseFunnel;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import io.npsloop.gateway.config.GatewayConfig;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import io.npsloop.gateway.cache.Recording;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * analytics-service, fault-tolerant through its {@link ServiceGuard} (one breaker for the whole service, a timeout
 * per attempt); all calls are idempotent reads, so all are retried (never on a 4xx, a {@link DownstreamRejection}).
 */
@ApplicationScoped
public class AnalyticsClient {

    public static final String SERVICE = "analytics-service";

    private final AnalyticsApi api;
    private final ServiceGuard guard;

    AnalyticsClient(@RestClient AnalyticsApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.guard = new ServiceGuard(SERVICE, config.downstream(), registry);
    }

    /**
     * The dashboard. Its entity tag goes to the request's {@link Recording} (if any), so the whole GraphQL answer
     * can be remembered and later revalidated with one conditional request ({@code cache/ResponseCache}).
     */
    public Uni<Dashboard> dashboard(String auth, MultivaluedMap<String, String> q) {
        Recording recording = Recording.current();
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.dashboard(auth, q, null))).map(r -> {
            if (r == null) {
                return null;
            }
            String tag = r.getHeaderString(HttpHeaders.ETAG);
            if (recording != null && tag != null) {
                // unguarded: a failed revalidation only means running the operation, which is guarded; while the
                // breaker is not closed the operation runs at once (and fails fast or probes as the breaker says)
                recording.validatedBy(SERVICE, () -> guard.state() != CircuitBreakerState.CLOSED ? Uni.createFrom().item(false)
                        : api.dashboard(auth, q, tag).map(again -> again.getStatus() == RestResponse.StatusCode.NOT_MODIFIED));
            }
            return r.getEntity();
        });
    }

    public Uni<NpsResult> nps(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.nps(auth, q)));
    }

    public Uni<AnalyticsJson.Segments> segments(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.segments(auth, q)));
    }

    public Uni<AnalyticsJson.Trend> trend(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.trend(auth, q)));
    }

    public Uni<AnalyticsJson.Drivers> drivers(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.drivers(auth, q)));
    }

    public Uni<RecoveryStats> recovery(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.recovery(auth, q)));
    }

    public Uni<ResponseFunnel> funnel(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.funnel(auth, q)));
    }

    public Uni<ReferralFunnel> referralFunnel(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.referralFunnel(auth, q)));
    }

    public Uni<AnalyticsJson.Topics> topics(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.topics(auth, q)));
    }

    public Uni<AnalyticsJson.Ranking> initiatives(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.initiatives(auth, q)));
    }

    /** null when there is no such initiative (404). */
    public Uni<io.npsloop.gateway.model.Initiative> initiative(String auth, String id) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.initiative(auth, id)));
    }

    /** null when there is no such initiative (404). */
    public Uni<io.npsloop.gateway.model.InitiativeEffect> initiativeEffect(String auth, String id) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.initiativeEffect(auth, id)));
    }

    public ServiceGuard guard() {
        return guard;
    }
}
