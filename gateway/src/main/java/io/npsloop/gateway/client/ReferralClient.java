package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Reward;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import io.npsloop.gateway.config.GatewayConfig;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Map;

/** referral-service, fault-tolerant through its {@link ServiceGuard}: one breaker for the whole service, a timeout
 * per attempt, retries on reads only. */
@ApplicationScoped
public class ReferralClient {

    public static final String SERVICE = "referral-service";

    private final ReferralApi api;
    private final ServiceGuard guard;

    ReferralClient(@RestClient ReferralApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.guard = new ServiceGuard(SERVICE, config.downstream(), registry);
    }

    public Uni<Page<ReferralJson.PromoterItem>> promoters(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.promoters(auth, q)));
    }

    public Uni<Page<ReferralJson.CodeFunnel>> funnels(String auth, List<String> codes) {
        return guard.read(() -> Downstream.classify(SERVICE, api.funnels(auth, codes)));
    }

    public Uni<Page<Reward>> rewards(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.rewards(auth, q)));
    }

    public Uni<String> qrSvg(String code) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.qrSvg(code)));
    }

    /** A write: never retried. */
    public Uni<Reward> rewardAction(String auth, String id, String action, Map<String, Object> body) {
        return guard.write(() -> Downstream.classify(SERVICE, api.rewardAction(auth, id, action, body)));
    }

    public ServiceGuard guard() {
        return guard;
    }
}
