package io.npsloop.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.time.ZoneId;

/** Every tunable of analytics-service ({@code npsloop.*}). */
@ConfigMapping(prefix = "npsloop")
public interface AnalyticsConfig {

    /** Chain time zone: days, weeks and months of answer times. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** Smallest group shown to roles below store manager. */
    @WithName("k-min")
    @WithDefault("5")
    int kMin();

    Feed feed();

    Query query();

    Db db();

    interface Db {
        /** Longest SQL the reactive client keeps prepared (Vert.x default 2048; the rollup SQL is 4–9 KB). */
        @WithDefault("65536")
        int preparedStatementCacheSqlLimit();
    }

    interface Query {
        /**
         * Dashboards kept per data version (feed cursors), week, selection and suppression; 0 disables the cache.
         * Entries of an older version are never served (they just age out).
         */
        @WithDefault("256")
        int cacheSize();

        /** How this replica learns that the data changed (see {@code query/DataVersion}). */
        VersionListener versionListener();

        /** The stream of versions the gateway's response cache follows ({@code query/DataVersionResource}). */
        VersionStream versionStream();
    }

    interface VersionStream {
        /** An event at least this often, changed or not: a client that hears nothing for longer knows the stream died. */
        @WithDefault("5s")
        Duration heartbeat();
    }

    interface VersionListener {
        /**
         * LISTEN for the feed cursors' NOTIFY and key the caches by a local counter. Off, or while the listening
         * connection is down, every request reads the feed cursors instead (one more round trip).
         */
        @WithDefault("true")
        boolean enabled();

        /** Pause before connecting again after the listening connection failed or closed. */
        @WithDefault("1s")
        Duration reconnectDelay();

        /**
         * How often the listening connection is probed: a connection that died without closing (a half-open TCP
         * connection) would otherwise leave cached answers unrefreshed. This plus {@code ping-timeout} bounds that.
         */
        @WithDefault("5s")
        Duration pingInterval();

        @WithDefault("2s")
        Duration pingTimeout();
    }

    /** Set by the test harness (name of the fresh test database); unused at run time. */
    java.util.Optional<TestInfo> test();

    interface TestInfo {
        java.util.Optional<String> databaseName();
    }

    interface Feed {
        /** Poll the feeds at all (tests drive the consumer by hand). */
        @WithDefault("true")
        boolean enabled();

        /** Pause between polls once a feed is drained. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Events per page (the feeds accept 1–1000). */
        @WithDefault("1000")
        int batchSize();

        /**
         * While catching up (pages come back full), how many consecutive pages are applied in one transaction.
         * Fewer, larger transactions sum more deltas per rollup row in memory before the upsert (a busy store-day
         * row is written once per run, not once per page); the cursor still moves in the same transaction.
         */
        @WithDefault("30")
        int pagesPerTransaction();

        /** Fetch the next run while the current one is being applied (only while behind). */
        @WithDefault("true")
        boolean prefetch();

        /** Longest pause after repeated failures (doubles from the poll interval). */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Lifetime of the SERVICE token the consumer signs for itself. */
        @WithDefault("5m")
        Duration tokenLifetime();

        /** Which feeds to read: survey, referral. */
        @WithDefault("survey,referral")
        java.util.List<String> sources();
    }
}
