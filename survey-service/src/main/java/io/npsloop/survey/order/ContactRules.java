package io.npsloop.survey.order;

import java.time.Duration;
import java.time.Instant;

/** The survey-fatigue rules: opt-out / do-not-survey first, then the quiet period since the last invitation. */
public final class ContactRules {

    private ContactRules() {
    }

    /** Why an order may not invite, and from when it could; {@code suppressedBy} null means invite. */
    public record Decision(String suppressedBy, Instant nextEligibleAt) {
        public boolean invite() {
            return suppressedBy == null;
        }
    }

    public static Decision decide(Instant now, Instant lastInvitedAt, boolean optedOut, Duration quietPeriod) {
        if (optedOut) {
            return new Decision("OPTED_OUT", null);
        }
        if (lastInvitedAt != null) {
            Instant eligible = lastInvitedAt.plus(quietPeriod);
            if (now.isBefore(eligible)) {
                return new Decision("QUIET_PERIOD", eligible);
            }
        }
        return new Decision(null, null);
    }
}
