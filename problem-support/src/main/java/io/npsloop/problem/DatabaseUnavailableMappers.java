package io.npsloop.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import org.hibernate.HibernateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * PostgreSQL unreachable → {@code 503} problem+json with {@code Retry-After}, never a 500 (issue 9). Nothing was
 * committed: the transaction never started or its connection died before COMMIT. The pool opens new connections
 * by itself once the server is back, and the datasource's readiness check reports DOWN meanwhile.
 * <p>
 * Mappers are chosen by the thrown type, so this class maps the types an outage surfaces as (found by stopping
 * the server under load, see reliability/): the Vert.x connect/close/pool-timeout failures themselves and the
 * wrappers Hibernate Reactive and Mutiny put around them. Anything of those types that is not an outage gets
 * exactly the generic answer of {@link UnexpectedFailures#answer(Throwable)}, as each service's own
 * {@code ProblemMappers#unexpected} gives.
 */
public class DatabaseUnavailableMappers {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMappers.class);

    /** SQLSTATEs of a server that is going away or not accepting yet: class 08, admin/crash shutdown, starting up, full. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** Messages of failures that carry no useful type (Vert.x often uses a bare VertxException/NoStackTraceThrowable). */
    private static final String[] UNAVAILABLE_MESSAGES = {"Connection refused", "Connection reset", "Connection is not active",
            "connection was closed", "Fail to read any response from the server", "Pool closed", "Timeout", "Broken pipe"};

    @ConfigMapping(prefix = "npsloop.database-unavailable")
    public interface Settings {
        /** Seconds a client should wait before retrying; long enough for a PostgreSQL restart or fail-over. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    private final Settings settings;

    public DatabaseUnavailableMappers(Settings settings) {
        this.settings = settings;
    }

    @ServerExceptionMapper({ConnectException.class, ClosedConnectionException.class, VertxException.class,
            NoStackTraceThrowable.class, PgException.class, HibernateException.class, CompletionException.class,
            java.io.IOException.class,
            io.smallrye.mutiny.TimeoutException.class, io.smallrye.mutiny.CompositeException.class})
    public Response map(Throwable e) {
        if (!isDatabaseUnavailable(e)) {
            return UnexpectedFailures.answer(e);
        }
        LOG.warnf("database unavailable, answering 503: %s", rootMessage(e));
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", String.valueOf(settings.retryAfterSeconds()))
                .entity(Problem.of(503, "database-unavailable", "Service Unavailable",
                        "The database cannot be reached; nothing was written. Retry later."))
                .build();
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            if (t instanceof io.smallrye.mutiny.CompositeException c
                    && c.getCauses().stream().anyMatch(DatabaseUnavailableMappers::isDatabaseUnavailable)) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (t instanceof VertxException || t instanceof NoStackTraceThrowable
                    || t instanceof java.io.IOException || t instanceof HibernateException)) {
                for (String m : UNAVAILABLE_MESSAGES) {
                    if (message.contains(m)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName() + ": " + t.getMessage();
    }
}
