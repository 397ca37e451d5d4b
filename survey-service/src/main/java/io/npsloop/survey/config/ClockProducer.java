package io.npsloop.survey.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** "Now" for everything that depends on it; tests replace this bean with a clock they can advance. */
@Dependent
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(NpsloopConfig config) {
        return Clock.system(config.zone());
    }
}
