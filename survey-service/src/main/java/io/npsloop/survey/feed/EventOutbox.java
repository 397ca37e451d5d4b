package io.npsloop.survey.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: events are inserted with no position inside the business transaction that causes
 * them; {@link FeedRelay} numbers them after commit. Nothing is published by a transaction that rolls back.
 */
@ApplicationScoped
public class EventOutbox {

    static final String INSERT = "INSERT INTO feed_event (event_id, type, occurred_at, data) VALUES ($1, $2, $3, $4::text::jsonb)";

    private final Tx tx;
    private final ObjectMapper json;
    private final Clock clock;

    EventOutbox(Tx tx, ObjectMapper json, Clock clock) {
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Appends in the transaction of this request ({@link Tx#current()}). */
    public Uni<Void> append(String type, Object data) {
        return append(tx.current(), type, data);
    }

    /** Appends through the given connection (must be inside a transaction). */
    public Uni<Void> append(SqlClient conn, String type, Object data) {
        return conn.preparedQuery(INSERT).execute(row(type, data)).replaceWithVoid();
    }

    public Uni<Void> appendAll(SqlClient conn, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(events.size());
        events.forEach(e -> rows.add(row(e.type(), e.data())));
        return conn.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    public Tuple row(String type, Object data) {
        return Tuple.from(values(type, data));
    }

    /** One event's four values (id, type, time, data), in the order of {@link #insertAt}. */
    public List<Object> values(String type, Object data) {
        return Arrays.asList(UUID.randomUUID(), type, Times.utc(clock.instant()), toJson(data));
    }

    /**
     * The INSERT of one event whose {@link #values} are the parameters {@code $first} to {@code $first + 3}: for a
     * statement that writes its event together with the rows it reports (one statement instead of two on the busiest
     * path).
     */
    public static String insertAt(int first) {
        return "INSERT INTO feed_event (event_id, type, occurred_at, data) VALUES ($" + first + ", $" + (first + 1)
                + ", $" + (first + 2) + ", $" + (first + 3) + "::text::jsonb)";
    }

    public String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be serialised: " + e.getOriginalMessage(), e);
        }
    }

    /** An event to append later in the same transaction. */
    public record Pending(String type, Object data) {
    }
}
