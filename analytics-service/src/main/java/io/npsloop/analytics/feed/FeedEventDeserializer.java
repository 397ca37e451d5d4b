package io.npsloop.analytics.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.io.IOException;

/**
 * Reads a feed event from the stream without building a tree: the envelope's four fields, {@code data} into an
 * {@link EventData}; unknown envelope fields are skipped (the envelope may grow). As strict as the application's
 * mapper on the envelope (config/JsonConfig): {@code seq} must be an integer, the others strings or null.
 */
@RegisterForReflection
public final class FeedEventDeserializer extends StdDeserializer<FeedEvent> {

    public FeedEventDeserializer() {
        super(FeedEvent.class);
    }

    @Override
    public FeedEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return (FeedEvent) ctxt.handleUnexpectedToken(FeedEvent.class, p);
        }
        long seq = 0;
        String id = null;
        String type = null;
        String occurredAt = null;
        EventData data = EventData.EMPTY;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "seq" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT) {
                        return (FeedEvent) ctxt.handleUnexpectedToken(long.class, p);
                    }
                    seq = p.getLongValue();
                }
                case "id" -> id = string(p, v, ctxt);
                case "type" -> {
                    type = string(p, v, ctxt);
                    type = type == null ? null : EventData.canonical(type);
                }
                case "occurredAt" -> occurredAt = string(p, v, ctxt);
                case "data" -> data = EventData.read(p);
                default -> p.skipChildren();
            }
        }
        return new FeedEvent(seq, id, type, occurredAt, data);
    }

    private static String string(JsonParser p, JsonToken v, DeserializationContext ctxt) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
}
