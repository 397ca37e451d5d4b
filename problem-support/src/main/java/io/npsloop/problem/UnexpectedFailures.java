package io.npsloop.problem;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The answer to a failure nothing more specific maps, shared by each service's {@code ProblemMappers#unexpected}
 * and {@link DatabaseUnavailableMappers}: a stack trace never reaches the client.
 */
public final class UnexpectedFailures {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailures.class);

    private UnexpectedFailures() {
    }

    public static Response answer(Throwable e) {
        if (isUnstorableText(e)) {
            // only client text reaches these SQLSTATEs (a NUL byte, an invalid sequence): the input is wrong, not us
            return respond(Problem.of(400, "invalid-text", "Bad Request",
                    "The request contains a character that cannot be stored (such as U+0000)."));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, incident %s", incident);
        return respond(Problem.of(500, "internal", "Internal Server Error",
                "An unexpected error occurred (incident " + incident + ")."));
    }

    /** character_not_in_repertoire (NUL in text) and untranslatable_character. */
    static boolean isUnstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg
                    && ("22021".equals(pg.getSqlState()) || "22P05".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
