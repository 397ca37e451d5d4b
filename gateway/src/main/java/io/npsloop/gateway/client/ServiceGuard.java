package io.npsloop.gateway.client;

import io.npsloop.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The fault tolerance of one downstream service: a single circuit breaker shared by every call to that service
 * (issue 7: a service that is down is down for all its endpoints, so once its breaker opens no field waits on it)
 * and a timeout per attempt. Reads are retried outside the breaker, so each attempt is counted and an open breaker
 * stops the retries at once; writes are never retried. Built programmatically (SmallRye FT {@link Guard}) because
 * MicroProfile's annotations give each method its own breaker. No thread offload: the REST client is non-blocking
 * and the resolvers stay on the event loop.
 */
public final class ServiceGuard {

    @SuppressWarnings("rawtypes")
    private static final TypeLiteral<Uni> UNI = new TypeLiteral<>() {
    };

    private final String service;
    private final Guard guard;
    private final GatewayConfig.Downstream config;

    ServiceGuard(String service, GatewayConfig.Downstream config) {
        this.service = service;
        this.config = config;
        var breaker = config.breaker();
        this.guard = Guard.create().withDescription(service)
                .withCircuitBreaker().name(service)
                .requestVolumeThreshold(breaker.requestVolumeThreshold()).failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS).successThreshold(breaker.successThreshold())
                .skipOn(DownstreamRejection.class) // a 4xx is the caller's problem, not the service's health
                .done()
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withThreadOffload(false)
                .build();
    }

    public String service() {
        return service;
    }

    /** The breaker's state (also for tests and health). */
    public CircuitBreakerState state() {
        return CircuitBreakerMaintenance.get().currentState(service);
    }

    /** An idempotent read: guarded, and retried with back-off unless refused (4xx) or the breaker is open. */
    public <T> Uni<T> read(Supplier<Uni<T>> call) {
        Uni<T> once = Uni.createFrom().deferred(() -> guarded(call));
        if (config.retries() <= 0) {
            return once;
        }
        return once.onFailure(ServiceGuard::retryable).retry().withBackOff(config.retryDelay()).withJitter(0.5)
                .atMost(config.retries());
    }

    /** A write: guarded, never retried (the service may have applied it). */
    public <T> Uni<T> write(Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> guarded(call));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> guarded(Supplier<Uni<T>> call) {
        return (Uni<T>) guard.get((Supplier<Uni>) (Supplier<?>) call, UNI);
    }

    static boolean retryable(Throwable t) {
        return !(t instanceof DownstreamRejection) && !(t instanceof CircuitBreakerOpenException);
    }
}
