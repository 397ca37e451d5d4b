package io.npsloop.referral.stats;

import io.npsloop.problem.ProblemException;

/** Query parameter parsing with problem+json errors. */
public final class Params {

    private Params() {
    }

    public static long number(String name, String value, long dflt, long min, long max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < min || v > max) {
                throw ProblemException.invalid(name, "must be from " + min + " to " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be an integer");
        }
    }
}
