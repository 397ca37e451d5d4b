package io.npsloop.analytics.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event of a producer's feed (survey-service, referral-service): a tolerant reader of the envelope (unknown
 * fields are ignored) whose {@code data} keeps only the fields analytics reads ({@link EventData}), read straight
 * from the stream by {@link FeedEventDeserializer}.
 */
@JsonDeserialize(using = FeedEventDeserializer.class)
@RegisterForReflection
public record FeedEvent(long seq, String id, String type, String occurredAt, EventData data) {

    public FeedEvent {
        data = data == null ? EventData.EMPTY : data;
    }

    /** An event whose data is a JSON tree (tests, tools). */
    public FeedEvent(long seq, String id, String type, String occurredAt, JsonNode data) {
        this(seq, id, type, occurredAt, EventData.of(data));
    }
}
