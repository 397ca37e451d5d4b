package io.npsloop.analytics.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.analytics.feed.EventData.Field;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** EventData, read from the stream, answers as the Jackson tree it replaced would for every field and value kind. */
class EventDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VALUES = {"null", "\"S001\"", "\"\"", "\" true \"", "\"false\"", "\"42\"", "\"7.5\"",
            "\"x\"", "0", "7", "-3", "10", "4000000000", "123456789012345678901234567890", "7.5", "true", "false",
            "[]", "[1, \"WAIT_TIME\", null, [2], {\"a\": 1}]", "{}", "{\"responseSpeed\": 4, \"care\": 9, \"x\": [1]}",
            "{\"responseSpeed\": 4.0, \"professionalism\": \"5\", \"transparency\": 3000000000, \"care\": 2}"};

    @Test
    void answersAsTheTreeWouldForEveryKindOfValue() throws Exception {
        for (Field f : Field.values()) {
            for (String v : VALUES) {
                String json = "{\"unknown\": {\"storeId\": \"no\"}, \"" + f.json() + "\": " + v + ", \"after\": [1]}";
                JsonNode tree = JSON.readTree(json);
                FeedEvent e = JSON.readValue("{\"seq\": 1, \"type\": \"T\", \"data\": " + json + ", \"more\": {}}",
                        FeedEvent.class);
                EventData d = e.data();
                JsonNode n = tree.path(f.json());
                String what = f + " = " + v;
                assertEquals(n.isMissingNode(), d.isMissing(f), what);
                assertEquals(n.isNull(), d.isNull(f), what);
                assertEquals(tree.hasNonNull(f.json()), d.hasNonNull(f), what);
                assertEquals(n.isTextual(), d.isTextual(f), what);
                assertEquals(n.isInt(), d.isInt(f), what);
                assertEquals(n.isNumber(), d.isNumber(f), what);
                if (!n.isFloatingPointNumber()) { // a float's text is as sent ("7.5"), the tree's re-printed
                    assertEquals(n.asText(), d.asText(f), what);
                }
                if (!n.isBigInteger()) {
                    assertEquals(n.asLong(), d.asLong(f), what);
                }
                if (!n.isNumber()) {
                    assertEquals(n.asBoolean(false), d.asBoolean(f, false), what);
                    assertEquals(n.asBoolean(true), d.asBoolean(f, true), what);
                }
                assertEquals(n.size(), d.size(f), what);
                if (f == Field.RATINGS) {
                    for (int r = 0; r < EventData.RATINGS.size(); r++) {
                        JsonNode x = n.path(EventData.RATINGS.get(r));
                        assertEquals(x.isInt() ? x.asInt() : EventData.NO_RATING, d.rating(r), what);
                    }
                }
                if (f == Field.REASONS) {
                    List<String> texts = new ArrayList<>();
                    n.forEach(x -> texts.add(x.asText()));
                    assertEquals(texts, d.reasons(), what);
                }
                assertEquals(1, e.seq());
                assertEquals("T", e.type());
            }
        }
    }

    @Test
    void dataThatIsNoObjectHasNoFields() throws Exception {
        for (String v : new String[]{"null", "[1, 2]", "\"x\"", "3"}) {
            FeedEvent e = JSON.readValue("{\"seq\": 2, \"id\": \"i\", \"type\": \"T\", \"occurredAt\": \"t\", \"data\": " + v
                    + "}", FeedEvent.class);
            assertEquals(true, e.data().isMissing(Field.STORE_ID), v);
            assertEquals("i", e.id());
            assertEquals("t", e.occurredAt());
        }
        assertEquals(true, JSON.readValue("{\"seq\": 3}", FeedEvent.class).data().isMissing(Field.SCORE));
    }
}
