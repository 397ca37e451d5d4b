package io.npsloop.referral.problem;

/** The client (or a code) is over its limit: 429 with Retry-After in whole seconds. */
public class ThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    public ThrottledException(long retryAfterSeconds, String detail) {
        super(detail, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
