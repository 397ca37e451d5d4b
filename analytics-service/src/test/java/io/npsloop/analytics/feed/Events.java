package io.npsloop.analytics.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;

/** Builds feed events as the producers' READMEs define them. */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** The tree each event was built from: a FeedEvent keeps only what analytics reads (EventData). */
    private static final Map<FeedEvent, ObjectNode> TREES = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<FeedEvent> events = new ArrayList<>();
    private long seq;

    public Events(long startAfter) {
        this.seq = startAfter;
    }

    public Events add(String type, String occurredAt, ObjectNode data) {
        FeedEvent e = new FeedEvent(++seq, UUID.randomUUID().toString(), type, occurredAt, data);
        TREES.put(e, data);
        events.add(e);
        return this;
    }

    public List<FeedEvent> list() {
        return events;
    }

    public FeedPage page() {
        return new FeedPage(List.copyOf(events), seq);
    }

    public static ObjectNode data(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    /** A ResponseSubmitted's data with the segment attributes. */
    public static ObjectNode response(String id, String store, String region, int score, String answeredAt,
                                      Map<String, Object> attrs) {
        ObjectNode d = data("responseId", id, "invitationId", "inv-" + id, "orderId", "ord-" + id, "storeId", store,
                "regionId", region, "score", score, "category", score >= 9 ? "PROMOTER" : score >= 7 ? "PASSIVE" : "DETRACTOR",
                "answeredAt", answeredAt, "closedAt", answeredAt, "customerKey", "ck-" + id, "channel", "LINK",
                "resurvey", false);
        d.set("flags", JSON.createArrayNode());
        d.set("reasons", JSON.createArrayNode());
        d.set("ratings", JSON.createObjectNode());
        attrs.forEach((k, v) -> d.set(k, JSON.valueToTree(v)));
        return d;
    }

    /** The data tree an event of this class was built from. */
    public static ObjectNode tree(FeedEvent e) {
        return TREES.get(e);
    }

    public static String pageJson(List<FeedEvent> events, long next) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("events");
        for (FeedEvent e : events) {
            ObjectNode o = arr.addObject();
            o.put("seq", e.seq());
            o.put("id", e.id());
            o.put("type", e.type());
            o.put("occurredAt", e.occurredAt());
            o.set("data", TREES.get(e));
            o.put("futureEnvelopeField", "ignored");
        }
        root.put("next", next);
        return root.toString();
    }
}
