package io.npsloop.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Verified bearer tokens remembered between requests ({@link VerifiedTokenCache}). */
@ConfigMapping(prefix = "npsloop.jwt-cache")
public interface JwtCacheConfig {

    /** Upper bound on how long a verified token is trusted without re-verification (never past its exp). */
    @WithDefault("5m")
    Duration ttl();

    /** Tokens remembered at most (cleared when full; a few KiB each); 0 turns the cache off. */
    @WithDefault("2000")
    int maxEntries();
}
