package io.npsloop.survey.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A Vert.x periodic timer running one reactive pass at a time (a tick while the previous pass runs is skipped).
 * Jobs use the reactive Pool directly, never Hibernate sessions (quarkus#25257).
 */
public final class PeriodicJob {

    private static final Logger LOG = Logger.getLogger(PeriodicJob.class);

    private final String name;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public PeriodicJob(String name) {
        this.name = name;
    }

    public void start(Vertx vertx, Duration interval, Supplier<Uni<?>> pass) {
        timer = vertx.setPeriodic(Math.max(10, interval.toMillis()), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Uni<?> u;
            try {
                u = pass.get();
            } catch (RuntimeException e) {
                running.set(false);
                LOG.warnf("%s failed: %s", name, e.toString());
                return;
            }
            u.subscribe().with(x -> running.set(false), e -> {
                running.set(false);
                LOG.debugf("%s pass failed: %s", name, e.toString());
            });
        });
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
