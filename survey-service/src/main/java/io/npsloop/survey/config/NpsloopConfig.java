package io.npsloop.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Every tunable of survey-service, under {@code npsloop.*} in application.properties. */
@ConfigMapping(prefix = "npsloop")
public interface NpsloopConfig {

    CustomerKey customerKey();

    /** Absolute base of links given to people ({@code /s/{token}}). */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    @WithDefault("5")
    int kMin();

    Feed feed();

    SpendBand spendBand();

    Invitations invitations();

    Contact contact();

    Authenticity authenticity();

    Responses responses();

    Imports imports();

    /** Throttling of the public survey endpoints ({@code /s/…}, {@code /api/v1/surveys/…}): 429 + Retry-After. */
    RateLimit rateLimit();

    ServiceToken serviceToken();

    /** Set by the test database resource (the name of the fresh database); unused otherwise. */
    TestSupport test();

    interface TestSupport {
        Optional<String> databaseName();
    }

    interface CustomerKey {
        /** Suite secret of the customerKey/plateKey HMAC. */
        String secret();
    }

    interface Feed {
        /** How often the relay numbers committed outbox rows. */
        @WithDefault("PT0.1S")
        Duration relayInterval();

        /** At most this many rows are numbered per relay transaction. */
        @WithDefault("10000")
        int relayBatch();

        @WithDefault("100")
        int defaultLimit();

        @WithDefault("1000")
        int maxLimit();
    }

    interface SpendBand {
        /** amountCents at or above this is MID (default 500 yuan). */
        @WithDefault("50000")
        long midFromCents();

        /** amountCents at or above this is HIGH (default 2000 yuan). */
        @WithDefault("200000")
        long highFromCents();
    }

    interface Invitations {
        @WithDefault("P14D")
        Duration ttl();

        /** When set, invitations and reminders are POSTed here from the delivery outbox. */
        Optional<String> webhookUrl();

        /** How often the expiry job marks invitations expired. */
        @WithDefault("PT1S")
        Duration expiryInterval();

        Reminder reminder();

        Delivery delivery();

        interface Reminder {
            @WithDefault("true")
            boolean enabled();

            @WithDefault("PT48H")
            Duration delay();

            @WithDefault("PT1S")
            Duration interval();
        }

        interface Delivery {
            @WithDefault("PT0.2S")
            Duration pollInterval();

            @WithDefault("20")
            int batch();

            @WithDefault("PT5S")
            Duration timeout();

            /** First retry after this; doubled per attempt up to backoffMax. */
            @WithDefault("PT5S")
            Duration backoffInitial();

            @WithDefault("PT1H")
            Duration backoffMax();

            /** A claimed row is retried after this if its sender died before recording the outcome. */
            @WithDefault("PT1M")
            Duration lease();
        }
    }

    interface Contact {
        /** A customer is invited at most once per this period, across all stores. */
        @WithDefault("P30D")
        Duration quietPeriod();
    }

    interface Authenticity {
        /** Salt of the network/device hashes (never stored raw). */
        String salt();

        /** Trust the first X-Forwarded-For hop as the client network (behind the gateway/ingress). */
        @WithDefault("true")
        boolean trustForwardedFor();

        @WithDefault("3")
        int sharedDeviceCustomers();

        @WithDefault("P7D")
        Duration sharedDeviceWindow();

        @WithDefault("PT10M")
        Duration storeNetworkWindow();

        @WithDefault("3.0")
        double advisorTenZ();

        @WithDefault("30")
        int advisorTenMinResponses();

        @WithDefault("P90D")
        Duration advisorTenWindow();
    }

    interface Responses {
        @WithDefault("2000")
        int commentMaxLength();
    }

    interface Imports {
        @WithDefault("1000")
        int batchSize();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /**
         * Requests one client address may make to the public survey endpoints per window. Generous: a store's
         * Wi-Fi puts every customer answering in the store behind one address, and one customer needs about three.
         */
        @WithDefault("300")
        int addressRequests();

        /** Requests naming one invitation token per window (page, answer, opt-out together). */
        @WithDefault("30")
        int tokenRequests();

        @WithDefault("PT1M")
        Duration window();

        /** Most addresses/tokens counted at once (bounded memory); past it new keys go uncounted until a sweep. */
        @WithDefault("100000")
        int maxKeys();
    }

    interface ServiceToken {
        @WithDefault("https://npsloop.dev/issuer")
        String issuer();

        @WithDefault("survey-service")
        String subject();

        @WithDefault("PT5M")
        Duration lifetime();
    }
}
