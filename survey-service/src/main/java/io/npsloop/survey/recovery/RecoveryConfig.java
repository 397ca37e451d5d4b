package io.npsloop.survey.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Tunables of the detractor recovery SOP, passives and alerts, under {@code npsloop.recovery.*}. */
@ConfigMapping(prefix = "npsloop.recovery")
public interface RecoveryConfig {

    Deadlines deadlines();

    Escalation escalation();

    Alerts alerts();

    Resurvey resurvey();

    Paging paging();

    /**
     * Imported answers older than this are history: on the feed and in analytics, but they open no case and no
     * passive task (their 24-hour SOP ended long ago; a backfill would otherwise flood managers with overdue cases
     * and escalation alerts). Live answers always open them.
     */
    @WithDefault("P7D")
    Duration importWindow();

    /** Each stage's deadline, counted from the response time (not from the previous stage). */
    interface Deadlines {
        @WithDefault("PT1H")
        Duration firstContact();

        @WithDefault("PT4H")
        Duration analysis();

        @WithDefault("PT8H")
        Duration remedy();

        @WithDefault("PT24H")
        Duration gmFollowUp();
    }

    interface Escalation {
        /** Off in tests, which run passes themselves against a controlled clock. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("PT30S")
        Duration interval();

        /** At most this many cases are escalated per pass transaction. */
        @WithDefault("200")
        int batch();
    }

    interface Alerts {
        /** Where CaseOpened/CaseEscalated alerts are POSTed; unset: no alerts are enqueued. */
        Optional<String> webhookUrl();

        /** Secret of the X-NpsLoop-Signature HMAC-SHA256 header; without it alerts wait (PENDING), never unsigned. */
        Optional<String> signingSecret();

        @WithDefault("true")
        boolean workerEnabled();

        @WithDefault("PT1S")
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

        /** A claimed alert whose sender died is retried after this. */
        @WithDefault("PT1M")
        Duration lease();

        /** Link to the case given in alerts: {base}/cases/{id}. */
        Optional<String> caseLinkBase();
    }

    interface Resurvey {
        /** After a RECOVERED close, the customer is surveyed again after this delay. */
        @WithDefault("P7D")
        Duration delay();

        @WithDefault("true")
        boolean enabled();

        @WithDefault("PT1M")
        Duration interval();
    }

    interface Paging {
        @WithDefault("50")
        int defaultLimit();

        @WithDefault("500")
        int maxLimit();
    }
}
