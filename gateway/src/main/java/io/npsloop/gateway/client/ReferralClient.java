package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Reward;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Map;

/** referral-service, fault-tolerant: timeouts and circuit breakers on every call, retries on reads only. */
@ApplicationScoped
@Timeout(2000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamRejection.class)
public class ReferralClient {

    public static final String SERVICE = "referral-service";

    private final ReferralApi api;

    ReferralClient(@RestClient ReferralApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<ReferralJson.PromoterItem>> promoters(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.promoters(auth, q));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<ReferralJson.CodeFunnel>> funnels(String auth, List<String> codes) {
        return Downstream.classify(SERVICE, api.funnels(auth, codes));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Reward>> rewards(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.rewards(auth, q));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<String> qrSvg(String code) {
        return Downstream.classifyOrNull(SERVICE, api.qrSvg(code));
    }

    /** A write: never retried. */
    public Uni<Reward> rewardAction(String auth, String id, String action, Map<String, Object> body) {
        return Downstream.classify(SERVICE, api.rewardAction(auth, id, action, body));
    }
}
