package io.npsloop.survey.referral;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Issues a promoter's referral for the thank-you page. Short timeout and a circuit breaker: when referral-service
 * is slow or down the page says the link will follow, and nothing fails.
 */
@ApplicationScoped
public class ReferralClient {

    private static final Logger LOG = Logger.getLogger(ReferralClient.class);

    private final ReferralCalls calls;

    ReferralClient(ReferralCalls calls) {
        this.calls = calls;
    }

    /** The referral, or empty when referral-service cannot answer now. */
    public Uni<Optional<Referral>> issue(String customerKey, String storeId, String displayName) {
        return calls.issue(customerKey, storeId, displayName)
                .ifNoItem().after(java.time.Duration.ofSeconds(3)).fail()
                .map(Optional::ofNullable)
                .onFailure().recoverWithItem(e -> {
                    LOG.infof("referral-service unavailable for the thank-you page: %s", e.toString());
                    return Optional.empty();
                });
    }
}
