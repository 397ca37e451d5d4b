package io.npsloop.survey.invitation;

import io.npsloop.survey.common.Times;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;

/** Opt-out counts for HQ only; stores never learn who opted out. */
@Path("/api/v1/opt-outs")
public class OptOutResource {

    private final Pool pool;
    private final Clock clock;

    OptOutResource(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public record OptOutCounts(long total, long last30Days, long doNotSurvey) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.HQ_ANALYST)
    public Uni<OptOutCounts> counts() {
        return pool.preparedQuery("SELECT count(*) FILTER (WHERE opted_out_at IS NOT NULL) AS total, "
                        + "count(*) FILTER (WHERE opted_out_at > $1) AS recent, "
                        + "count(*) FILTER (WHERE do_not_survey) AS dns FROM contact")
                .execute(Tuple.of(Times.utc(clock.instant().minus(Duration.ofDays(30)))))
                .map(rows -> {
                    var r = rows.iterator().next();
                    return new OptOutCounts(r.getLong("total"), r.getLong("recent"), r.getLong("dns"));
                });
    }
}
