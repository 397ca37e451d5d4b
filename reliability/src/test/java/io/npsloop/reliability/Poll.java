package io.npsloop.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling instead of fixed sleeps: wait until a condition holds, fail with what was last seen. */
final class Poll {
    private Poll() {
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    /** Waits until {@code value} is stable and equal to {@code expected}; returns the last value seen. */
    static <T> T untilEquals(String what, Duration timeout, T expected, Supplier<T> value) {
        Instant deadline = Instant.now().plus(timeout);
        T last = value.get();
        while (!expected.equals(last)) {
            if (Instant.now().isAfter(deadline)) {
                return last;
            }
            pause();
            last = value.get();
        }
        return last;
    }
}
