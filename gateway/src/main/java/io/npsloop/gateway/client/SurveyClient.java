package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Case;
import io.npsloop.gateway.model.Invitation;
import io.npsloop.gateway.model.Passive;
import io.npsloop.gateway.model.Region;
import io.npsloop.gateway.model.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import io.npsloop.gateway.config.GatewayConfig;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Map;

/** survey-service, fault-tolerant through its {@link ServiceGuard}: one breaker for the whole service, a timeout
 * per attempt, retries on reads only. */
@ApplicationScoped
public class SurveyClient {

    public static final String SERVICE = "survey-service";

    private final SurveyApi api;
    private final ServiceGuard guard;

    SurveyClient(@RestClient SurveyApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.guard = new ServiceGuard(SERVICE, config.downstream(), registry);
    }

    public Uni<Page<Region>> regions(String auth) {
        return guard.read(() -> Downstream.classify(SERVICE, api.regions(auth)));
    }

    public Uni<Page<Store>> stores(String auth, String status, Integer limit, String after) {
        return guard.read(() -> Downstream.classify(SERVICE, api.stores(auth, status, limit, after)));
    }

    /** Bulk look-up; unknown ids are simply absent from the answer. */
    public Uni<Page<Store>> storesByIds(String auth, List<String> ids) {
        return guard.read(() -> Downstream.classify(SERVICE, api.storesByIds(auth, ids)));
    }

    public Uni<Store> store(String auth, String id) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.store(auth, id)));
    }

    public Uni<Page<Invitation>> invitations(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.invitations(auth, q)));
    }

    public Uni<Page<Case>> cases(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.cases(auth, q)));
    }

    public Uni<Case> caseById(String auth, String id) {
        return guard.read(() -> Downstream.classifyOrNull(SERVICE, api.caseById(auth, id)));
    }

    /** A write: never retried. */
    public Uni<Case> caseAction(String auth, String id, String action, Map<String, Object> body) {
        return guard.write(() -> Downstream.classify(SERVICE, api.caseAction(auth, id, action, body)));
    }

    public Uni<Page<Passive>> passives(String auth, MultivaluedMap<String, String> q) {
        return guard.read(() -> Downstream.classify(SERVICE, api.passives(auth, q)));
    }

    /** A write: never retried. */
    public Uni<Passive> passiveDone(String auth, String id, Map<String, Object> body) {
        return guard.write(() -> Downstream.classify(SERVICE, api.passiveDone(auth, id, body)));
    }

    public ServiceGuard guard() {
        return guard;
    }
}
