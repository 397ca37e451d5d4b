package io.npsloop.referral.feed;

import io.npsloop.referral.config.Times;
import io.npsloop.problem.ProblemException;
import io.npsloop.referral.security.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** referral-service's public event feed (contract in README.md). */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    @Inject
    Pool pool;
    @Inject
    JsonWebToken jwt;
    @Inject
    Times times;

    @RegisterForReflection
    public record Event(long seq, UUID id, String type, OffsetDateTime occurredAt, Map<String, Object> data) {
    }

    @RegisterForReflection
    public record Page(List<Event> events, long next) {
    }

    @GET
    public Uni<Page> events(@QueryParam("after") String afterParam, @QueryParam("limit") String limitParam) {
        Caller caller = Caller.of(jwt);
        if (!caller.has("SERVICE") && !caller.isHq()) {
            throw caller.forbidden();
        }
        long after = parse("after", afterParam, 0, 0, Long.MAX_VALUE);
        int limit = (int) parse("limit", limitParam, 100, 1, 1000);
        return pool.preparedQuery("SELECT seq, event_id, type, occurred_at, data FROM feed_event WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<Event> events = new ArrayList<>();
                    long next = after;
                    for (Row r : rows) {
                        events.add(new Event(r.getLong("seq"), r.getUUID("event_id"), r.getString("type"),
                                times.zoned(r.getOffsetDateTime("occurred_at")), r.getJsonObject("data").getMap()));
                        next = r.getLong("seq");
                    }
                    return new Page(events, next);
                });
    }

    static long parse(String name, String value, long dflt, long min, long max) {
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
