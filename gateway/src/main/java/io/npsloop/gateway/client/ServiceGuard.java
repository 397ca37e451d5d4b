package io.npsloop.gateway.client;

import io.npsloop.gateway.config.GatewayConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.npsloop.gateway.cache.Recording;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The fault tolerance of one downstream service: a single circuit breaker shared by every call to that service
 * (issue 7: a service that is down is down for all its endpoints, so once its breaker opens no field waits on it)
 * and a timeout per attempt. Reads are retried outside the breaker, so each attempt is counted and an open breaker
 * stops the retries at once; writes are never retried. Built programmatically (SmallRye FT {@link Guard}) because
 * MicroProfile's annotations give each method its own breaker. No thread offload: the REST client is non-blocking
 * and the resolvers stay on the event loop.
 * <p>
 * Every attempt is timed here, on the event loop, as {@code npsloop.downstream.requests} (a timer tagged with the
 * {@code service} and the {@code outcome}: {@code success}, {@code rejected} for a 4xx, {@code error}, {@code cancelled}
 * when the timeout gave up on it). Quarkus' own REST client metrics are off
 * ({@code quarkus.micrometer.binder.http-client.enabled=false}): their response filter is not marked as
 * thread-preserving, so the REST client ran it on a worker thread and every downstream answer went event loop →
 * worker → event loop, two thread hand-offs on each query's critical path.
 */
public final class ServiceGuard {

    @SuppressWarnings("rawtypes")
    private static final TypeLiteral<Uni> UNI = new TypeLiteral<>() {
    };

    private final String service;
    private final Guard guard;
    private final GatewayConfig.Downstream config;
    private final Timer success;
    private final Timer rejected;
    private final Timer error;
    private final Timer cancelled;

    ServiceGuard(String service, GatewayConfig.Downstream config, MeterRegistry registry) {
        this.service = service;
        this.config = config;
        this.success = timer(registry, service, "success");
        this.rejected = timer(registry, service, "rejected");
        this.error = timer(registry, service, "error");
        this.cancelled = timer(registry, service, "cancelled");
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
        Recording.countCall();
        Uni<T> once = Uni.createFrom().deferred(() -> guarded(call));
        if (config.retries() <= 0) {
            return once;
        }
        return once.onFailure(ServiceGuard::retryable).retry().withBackOff(config.retryDelay()).withJitter(0.5)
                .atMost(config.retries());
    }

    /** A write: guarded, never retried (the service may have applied it). */
    public <T> Uni<T> write(Supplier<Uni<T>> call) {
        Recording.countCall();
        return Uni.createFrom().deferred(() -> guarded(call));
    }

    @SuppressWarnings("unchecked")
    private <T> Uni<T> guarded(Supplier<Uni<T>> call) {
        Supplier<Uni<T>> timed = () -> {
            long start = System.nanoTime();
            return call.get().onTermination().invoke((item, failure, cancel) -> record(start, failure, cancel));
        };
        return (Uni<T>) guard.get((Supplier<Uni>) (Supplier<?>) timed, UNI);
    }

    private void record(long start, Throwable failure, boolean cancel) {
        Timer t = cancel ? cancelled : failure == null ? success : failure instanceof DownstreamRejection ? rejected : error;
        t.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static Timer timer(MeterRegistry registry, String service, String outcome) {
        return Timer.builder("npsloop.downstream.requests").description("Calls to a downstream service, per attempt")
                .tag("service", service).tag("outcome", outcome).register(registry);
    }

    static boolean retryable(Throwable t) {
        return !(t instanceof DownstreamRejection) && !(t instanceof CircuitBreakerOpenException);
    }
}
