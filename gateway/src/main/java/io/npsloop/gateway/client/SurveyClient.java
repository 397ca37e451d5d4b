package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Case;
import io.npsloop.gateway.model.Invitation;
import io.npsloop.gateway.model.Passive;
import io.npsloop.gateway.model.Region;
import io.npsloop.gateway.model.Store;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Map;

/** survey-service, fault-tolerant: timeouts and circuit breakers on every call, retries on reads only. */
@ApplicationScoped
@Timeout(2000)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        skipOn = DownstreamRejection.class)
public class SurveyClient {

    public static final String SERVICE = "survey-service";

    private final SurveyApi api;

    SurveyClient(@RestClient SurveyApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Region>> regions(String auth) {
        return Downstream.classify(SERVICE, api.regions(auth));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Store>> stores(String auth, String status, Integer limit, String after) {
        return Downstream.classify(SERVICE, api.stores(auth, status, limit, after));
    }

    /** Bulk look-up; unknown ids are simply absent from the answer. */
    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Store>> storesByIds(String auth, List<String> ids) {
        return Downstream.classify(SERVICE, api.storesByIds(auth, ids));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Store> store(String auth, String id) {
        return Downstream.classifyOrNull(SERVICE, api.store(auth, id));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Invitation>> invitations(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.invitations(auth, q));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Case>> cases(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.cases(auth, q));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Case> caseById(String auth, String id) {
        return Downstream.classifyOrNull(SERVICE, api.caseById(auth, id));
    }

    /** A write: never retried. */
    public Uni<Case> caseAction(String auth, String id, String action, Map<String, Object> body) {
        return Downstream.classify(SERVICE, api.caseAction(auth, id, action, body));
    }

    @Retry(maxRetries = 2, delay = 50, jitter = 25, abortOn = DownstreamRejection.class)
    public Uni<Page<Passive>> passives(String auth, MultivaluedMap<String, String> q) {
        return Downstream.classify(SERVICE, api.passives(auth, q));
    }

    /** A write: never retried. */
    public Uni<Passive> passiveDone(String auth, String id, Map<String, Object> body) {
        return Downstream.classify(SERVICE, api.passiveDone(auth, id, body));
    }
}
