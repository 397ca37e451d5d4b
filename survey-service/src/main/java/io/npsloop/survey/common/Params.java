package io.npsloop.survey.common;

import io.npsloop.problem.ProblemException;

/** Query parameter parsing with 400s that name the parameter. */
public final class Params {

    private Params() {
    }

    public static long integer(String name, String value, long dflt, long min, long max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw ProblemException.invalid(name, "must be an integer from " + min + " to " + max);
    }
}
