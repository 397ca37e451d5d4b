package io.npsloop.referral.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.referral.config.Times;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Appends an event to the outbox inside the caller's transaction, with no position (the relay numbers it). */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final Times times;

    Outbox(ObjectMapper mapper, Times times) {
        this.mapper = mapper;
        this.times = times;
    }

    public Uni<Void> append(SqlClient tx, String type, Object data) {
        JsonObject json;
        try {
            json = new JsonObject(mapper.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event " + type + " not serialisable", e));
        }
        return tx.preparedQuery("INSERT INTO feed_event (event_id, type, occurred_at, data) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), type, times.nowZoned(), json))
                .replaceWithVoid();
    }
}
