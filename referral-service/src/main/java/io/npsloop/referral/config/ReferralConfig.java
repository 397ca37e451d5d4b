package io.npsloop.referral.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Every tunable of referral-service, under {@code npsloop.*}. */
@ConfigMapping(prefix = "npsloop")
public interface ReferralConfig {

    @WithDefault("Asia/Shanghai")
    String zone();

    @WithName("public-base-url")
    String publicBaseUrl();

    @WithName("customer-key")
    CustomerKey customerKey();

    Referral referral();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Clicks clicks();

    Feed feed();

    Poster poster();

    Bench bench();

    interface CustomerKey {
        String secret();
    }

    interface Referral {
        /** Characters of a code; 5 random bits each (32-letter alphabet), so 11 → 55 bits. */
        @WithName("code-length")
        @WithDefault("11")
        int codeLength();

        /** A booking is attributed to a code when it comes at most this long after the visitor's click. */
        @WithDefault("P30D")
        Duration window();

        @WithName("reward-cents")
        @WithDefault("10000")
        long rewardCents();

        @WithName("discount-cents")
        @WithDefault("5000")
        long discountCents();

        @WithName("offer-zh")
        @WithDefault("新客首次到店保养立减50元")
        String offerZh();

        @WithName("offer-en")
        @WithDefault("CNY 50 off your first service visit")
        String offerEn();

        /** Most attributed bookings one code may collect per {@link #velocityPeriod()}. */
        @WithName("velocity-max-bookings")
        @WithDefault("10")
        int velocityMaxBookings();

        @WithName("velocity-period")
        @WithDefault("PT24H")
        Duration velocityPeriod();

        /** How far ahead a preferred time may be. */
        @WithName("max-booking-ahead")
        @WithDefault("P90D")
        Duration maxBookingAhead();

        /** How long a code looked up for the landing page is kept in memory (revocations elsewhere show after it). */
        @WithName("cache-ttl")
        @WithDefault("PT30S")
        Duration cacheTtl();
    }

    interface RateLimit {
        /** Requests one client may make to /r/* per period (token bucket, refilled continuously). */
        @WithDefault("60")
        int requests();

        @WithDefault("PT1M")
        Duration period();

        /** Take the client from X-Forwarded-For (only behind a trusted proxy such as the ingress). */
        @WithName("trust-forwarded")
        @WithDefault("false")
        boolean trustForwarded();
    }

    interface Clicks {
        /** How often queued clicks are written. */
        @WithName("flush-every")
        @WithDefault("200ms")
        String flushEvery();

        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /** Where queued clicks go when the database cannot take them at shutdown, or the queue is over max-queued. */
        @WithName("spill-dir")
        @WithDefault("${java.io.tmpdir}/npsloop-referral-clicks")
        String spillDir();

        /** Clicks kept in memory at most; beyond it new clicks are appended to the spill directory. */
        @WithName("max-queued")
        @WithDefault("200000")
        int maxQueued();

        /** Salt of the visitor hash (SHA-256 of salt, client address and user agent). */
        @WithName("visitor-salt")
        String visitorSalt();

        /** Key of the HMAC that signs the click token carried by the landing page's booking form. */
        @WithName("token-secret")
        String tokenSecret();
    }

    interface Feed {
        Consumer consumer();

        /** How often the outbox relay numbers committed events. */
        @WithName("relay-every")
        @WithDefault("500ms")
        String relayEvery();

        interface Consumer {
            @WithDefault("true")
            boolean enabled();

            @WithName("poll-every")
            @WithDefault("2s")
            String pollEvery();

            @WithName("page-size")
            @WithDefault("200")
            int pageSize();

            /** Pages applied per poll at most (one transaction each). */
            @WithName("max-pages")
            @WithDefault("20")
            int maxPages();

            @WithName("backoff-initial")
            @WithDefault("PT1S")
            Duration backoffInitial();

            @WithName("backoff-max")
            @WithDefault("PT1M")
            Duration backoffMax();

            @WithName("token-ttl")
            @WithDefault("PT5M")
            Duration tokenTtl();

            @WithName("token-issuer")
            @WithDefault("https://npsloop.dev/issuer")
            String tokenIssuer();
        }
    }

    interface Poster {
        /** A TTF/OTF/TTC file with CJK glyphs for PNG posters; when absent an installed font that has them is used. */
        @WithName("font-file")
        Optional<String> fontFile();
    }

    interface Bench {
        /** Exposes /bench/baseline/{code}: the landing page's bytes from a bare Vert.x route, for bench/. */
        @WithName("baseline-enabled")
        @WithDefault("false")
        boolean baselineEnabled();
    }
}
