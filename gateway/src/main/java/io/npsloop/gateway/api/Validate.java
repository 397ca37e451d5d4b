package io.npsloop.gateway.api;

import io.npsloop.gateway.error.BadUserInputException;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** Argument checks that answer BAD_USER_INPUT before any downstream call. */
final class Validate {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])");

    private Validate() {
    }

    static void week(String week) {
        if (week == null || !WEEK.matcher(week).matches()) {
            throw BadUserInputException.of("week", "must be an ISO week like 2026-W48").unchecked();
        }
    }

    static void period(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw BadUserInputException.of("from", "from and to are required").unchecked();
        }
        if (from.isAfter(to)) {
            throw BadUserInputException.of("to", "must not be before from").unchecked();
        }
        if (from.plusYears(3).isBefore(to)) {
            throw BadUserInputException.of("to", "a period spans at most three years").unchecked();
        }
    }

    static int first(Integer first, int defaultSize, int maxSize) {
        int n = first == null ? defaultSize : first;
        if (n < 1 || n > maxSize) {
            throw BadUserInputException.of("first", "must be between 1 and " + maxSize).unchecked();
        }
        return n;
    }

    static String id(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 64 || !value.matches("[A-Za-z0-9._:-]+")) {
            throw BadUserInputException.of(name, "must be 1–64 characters of letters, digits, '.', '_', ':' or '-'").unchecked();
        }
        return value;
    }
}
