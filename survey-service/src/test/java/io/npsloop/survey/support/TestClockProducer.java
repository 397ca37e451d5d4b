package io.npsloop.survey.support;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/** Replaces the production clock (a @DefaultBean) in every test with one the tests can advance. */
@Dependent
public class TestClockProducer {

    static final MutableClock CLOCK = new MutableClock(ZoneId.of("Asia/Shanghai"));

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }

    @Produces
    @Singleton
    @jakarta.enterprise.inject.Typed(MutableClock.class)
    MutableClock mutableClock() {
        return CLOCK;
    }
}
