package io.npsloop.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the gateway ({@code npsloop.*}). */
@ConfigMapping(prefix = "npsloop")
public interface GatewayConfig {

    Page page();

    Dev dev();

    Graphql graphql();

    interface Graphql {
        /** Deepest query accepted (checked before execution). */
        @WithDefault("12")
        int maxDepth();

        /** Highest graphql-java complexity (one per field) accepted (checked before execution). */
        @WithDefault("600")
        int maxComplexity();
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
