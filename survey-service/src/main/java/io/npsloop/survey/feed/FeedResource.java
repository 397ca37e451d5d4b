package io.npsloop.survey.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The public event feed (contract in the module README). */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final Pool pool;
    private final NpsloopConfig config;
    private final ObjectMapper json;

    FeedResource(Pool pool, NpsloopConfig config, ObjectMapper json) {
        this.pool = pool;
        this.config = config;
        this.json = json;
    }

    public record FeedEvent(long seq, UUID id, String type, String occurredAt, JsonNode data) {
    }

    public record FeedPage(List<FeedEvent> events, long next) {
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.HQ_ANALYST})
    public Uni<FeedPage> read(@QueryParam("after") String afterParam, @QueryParam("limit") String limitParam) {
        long after = parse("after", afterParam, 0, 0, Long.MAX_VALUE);
        int limit = (int) parse("limit", limitParam, config.feed().defaultLimit(), 1, config.feed().maxLimit());
        return pool.preparedQuery("SELECT seq, event_id, type, occurred_at, data::text AS data FROM feed_event "
                        + "WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<FeedEvent> events = new ArrayList<>(rows.size());
                    long next = after;
                    for (Row r : rows) {
                        long seq = r.getLong("seq");
                        events.add(new FeedEvent(seq, r.getUUID("event_id"), r.getString("type"),
                                r.getOffsetDateTime("occurred_at").atZoneSameInstant(config.zone()).toOffsetDateTime()
                                        .toString(),
                                readTree(r.getString("data"))));
                        next = seq;
                    }
                    return new FeedPage(events, next);
                });
    }

    private JsonNode readTree(String data) {
        try {
            return json.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored event data is not JSON", e);
        }
    }

    static long parse(String name, String value, long dflt, long min, long max) {
        return io.npsloop.survey.common.Params.integer(name, value, dflt, min, max);
    }
}
