package io.npsloop.referral.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** "Now" from the Clock bean, and instants rendered with the chain zone's offset. */
@ApplicationScoped
public class Times {

    private final Clock clock;
    private final ZoneId zone;

    Times(Clock clock, ReferralConfig config) {
        this.clock = clock;
        this.zone = ZoneId.of(config.zone());
    }

    public Instant now() {
        return clock.instant();
    }

    public OffsetDateTime nowZoned() {
        return zoned(clock.instant());
    }

    public OffsetDateTime zoned(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }

    public OffsetDateTime zoned(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime();
    }

    public ZoneId zone() {
        return zone;
    }
}
