package io.npsloop.survey.referral;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;

/** The guarded call itself (fault-tolerance interceptors need a separate bean from the caller). */
@ApplicationScoped
public class ReferralCalls {

    private final ReferralApi api;
    private final ServiceToken serviceToken;

    ReferralCalls(@RestClient ReferralApi api, ServiceToken serviceToken) {
        this.api = api;
        this.serviceToken = serviceToken;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<Referral> issue(String customerKey, String storeId, String displayName) {
        return Uni.createFrom().item(serviceToken::bearer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(bearer -> api.issue(bearer, new ReferralApi.IssueRequest(customerKey, storeId, displayName)));
    }
}
