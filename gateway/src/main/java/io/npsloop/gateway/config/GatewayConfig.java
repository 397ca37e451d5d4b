package io.npsloop.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the gateway ({@code npsloop.*}). */
@ConfigMapping(prefix = "npsloop")
public interface GatewayConfig {

    Page page();

    Dev dev();

    Graphql graphql();

    Downstream downstream();

    // npsloop.jwt-cache.* belongs to security-support's VerifiedTokenCache (JwtCacheConfig)

    /** Calls to survey-, analytics- and referral-service (client/ServiceGuard): one breaker per service. */
    interface Downstream {
        /** Longest wait for one call (each retry attempt gets its own). */
        @WithDefault("2s")
        java.time.Duration timeout();

        /** Extra attempts of an idempotent read after a 5xx, timeout or connection failure; writes are never retried. */
        @WithDefault("2")
        int retries();

        /** Back-off before the first retry (doubled for the next, with jitter). */
        @WithDefault("50ms")
        java.time.Duration retryDelay();

        Breaker breaker();

        interface Breaker {
            /** Calls in the rolling window the failure ratio is computed over. */
            @WithDefault("20")
            int requestVolumeThreshold();

            /** Share of failed calls in the window that opens the breaker. */
            @WithDefault("0.5")
            double failureRatio();

            /** How long an open breaker fails fast before letting trial calls through (half-open). */
            @WithDefault("5s")
            java.time.Duration delay();

            /** Successful trial calls that close a half-open breaker. */
            @WithDefault("2")
            int successThreshold();
        }
    }

    interface Graphql {
        /** Deepest query accepted (checked before execution). */
        @WithDefault("12")
        int maxDepth();

        /** Highest graphql-java complexity (one per field) accepted (checked before execution). */
        @WithDefault("600")
        int maxComplexity();

        /** Whole answers remembered and revalidated downstream (cache/ResponseCache). */
        ResponseCache responseCache();
    }

    interface ResponseCache {
        /** Remember answers of read-only operations whose every downstream answer carried an entity tag. */
        @WithDefault("true")
        boolean enabled();

        /** Answers kept (least recently used dropped first); with the size limits below, at most ~40 MB. */
        @WithDefault("500")
        int maxEntries();

        /** Root fields an operation may select and still be remembered (their resolvers read only tagged answers). */
        @WithDefault("dashboard")
        java.util.Set<String> rootFields();

        /** Larger operation documents (with their variables) are not remembered. */
        @WithDefault("16384")
        int maxRequestBytes();

        /** Larger answers are not remembered (the whole dashboard is ~3 KB). */
        @WithDefault("65536")
        int maxResponseBytes();

        /** Following analytics' data-version stream instead of revalidating every hit (cache/DataVersionFeed). */
        Push push();
    }

    interface Push {
        @WithDefault("true")
        boolean enabled();

        /** Pause before connecting again after the stream failed or ended; doubled after each failure in a row. */
        @WithDefault("1s")
        java.time.Duration reconnectDelay();

        /** Longest pause between attempts (e.g. while analytics refuses the stream or is down). */
        @WithDefault("30s")
        java.time.Duration maxReconnectDelay();

        /** No event for this long (analytics sends one every 5 s at least): the stream is taken for dead. */
        @WithDefault("15s")
        java.time.Duration silenceTimeout();

        /** Lifetime of the SERVICE token the stream is opened with (checked once, when connecting). */
        @WithDefault("5m")
        java.time.Duration tokenLifetime();
    }

    interface Page {
        /** {@code first} when a connection query gives none. */
        @WithDefault("20")
        int defaultSize();

        /** Largest {@code first} accepted (BAD_USER_INPUT above). */
        @WithDefault("100")
        int maxSize();
    }

    interface Dev {
        /** Serve {@code GET /dev/token} (local launcher only; never in production). */
        @WithDefault("false")
        boolean tokenSigning();

        /** Lifetime of a dev token in minutes. */
        @WithDefault("480")
        int tokenMinutes();
    }
}
