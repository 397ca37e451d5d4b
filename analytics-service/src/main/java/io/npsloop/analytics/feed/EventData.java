package io.npsloop.analytics.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code data} of a feed event, reduced while parsing to the fields analytics reads ({@link Field}); every
 * other field is skipped unread. A Jackson tree per event (parsing it and looking fields up in its maps) was about a
 * quarter of the service's CPU while catching up; this keeps one kind, text and number per known field in three
 * small arrays.
 * <p>
 * The accessors answer as the corresponding {@link JsonNode} calls would on the tree ({@code asText},
 * {@code isInt}, {@code hasNonNull}, {@code size}, …), so validation and rollups read the same values as before.
 */
public final class EventData {

    /** The fields of any producer's events that analytics reads, by their name in the feed. */
    public enum Field {
        RESPONSE_ID("responseId"), INVITATION_ID("invitationId"), STORE_ID("storeId", true), REGION_ID("regionId", true),
        SERVICE_TYPE("serviceType", true), PAYMENT_TYPE("paymentType", true), VISIT_KIND("visitKind", true),
        TENURE("tenure", true), LOCALITY("locality", true), SPEND_BAND("spendBand", true), AGE_BAND("ageBand", true),
        GENDER("gender", true), OCCUPATION("occupation", true), CHANNEL("channel", true),
        ADVISOR_ID("advisorId", true),
        SCORE("score"), FLAGS("flags"), RESURVEY("resurvey"), COMMENT("comment"),
        CLOSED_AT("closedAt"), CREATED_AT("createdAt"), OPENED_AT("openedAt"), ANSWERED_AT("answeredAt"),
        CASE_ID("caseId"), STAGE("stage"), MINUTES_SINCE_OPENED("minutesSinceOpened"), OUTCOME("outcome"),
        FIRST_CONTACT_MINUTES("firstContactMinutes"), NAME("name"), STATUS("status"),
        ISSUED_AT("issuedAt"), LAST_AT("lastAt"), CLICKS("clicks"), QR_CLICKS("qrClicks"),
        NEW_VISITORS("newVisitors"), BOOKED_AT("bookedAt"), PROMOTER_STORE_ID("promoterStoreId", true),
        CONVERTED_AT("convertedAt"), FROM("from"), TO("to"), CHANGED_AT("changedAt"), AMOUNT_CENTS("amountCents"),
        REWARD_ID("rewardId"),
        /** an object: its four rating fields are kept ({@link #rating}) */
        RATINGS("ratings"),
        /** an array: its elements' texts are kept ({@link #reasons}) */
        REASONS("reasons");

        private static final Map<String, Field> BY_NAME = new HashMap<>();

        static {
            for (Field f : values()) {
                BY_NAME.put(f.json, f);
            }
        }

        private final String json;
        /** a code of few values (store, segment attribute): its texts are shared ({@link #canonical}) */
        private final boolean code;

        Field(String json) {
            this(json, false);
        }

        Field(String json, boolean code) {
            this.json = json;
            this.code = code;
        }

        public String json() {
            return json;
        }

        /** The field of a JSON name, null for one analytics does not read. */
        public static Field of(String json) {
            return BY_NAME.get(json);
        }
    }

    /** The rating fields of {@code ratings}, in the order {@link #rating} takes. */
    public static final List<String> RATINGS = List.of("responseSpeed", "professionalism", "transparency", "care");

    private static final int FIELDS = Field.values().length;
    private static final int MAX_CODES = 16_384;
    private static final Map<String, String> CODES = new ConcurrentHashMap<>();
    // kinds of value, as JsonNode tells them apart
    private static final byte MISSING = 0, NULL = 1, STRING = 2, INT = 3, LONG = 4, OTHER_NUMBER = 5, TRUE = 6,
            FALSE = 7, ARRAY = 8, OBJECT = 9;
    /** No rating: absent, or not an int (a JSON integer within int range). */
    public static final int NO_RATING = Integer.MIN_VALUE;

    /** An event without data (absent, null, or not an object): every field missing. */
    public static final EventData EMPTY = new EventData();

    private final byte[] kinds = new byte[FIELDS];
    /** STRING and OTHER_NUMBER: the text; everything else answers its text from its kind and number */
    private final String[] texts = new String[FIELDS];
    /** INT, LONG: the value; ARRAY, OBJECT: the number of elements (JsonNode.size) */
    private final long[] numbers = new long[FIELDS];
    private int[] ratings;
    private List<String> reasons;

    private EventData() {
    }

    // ------------------------------------------------------------------ reading

    /** Reads the value the parser is at (the token after the field name "data"); leaves it at its last token. */
    public static EventData read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return EMPTY;
        }
        EventData d = new EventData();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            Field f = Field.of(p.currentName());
            JsonToken v = p.nextToken();
            if (f == null) {
                p.skipChildren();
            } else {
                d.value(f, p, v);
            }
        }
        return d;
    }

    /** The same from a tree (tests build events as trees). */
    public static EventData of(JsonNode data) {
        if (data == null) {
            return EMPTY;
        }
        try (JsonParser p = data.traverse()) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void value(Field f, JsonParser p, JsonToken v) throws IOException {
        int i = f.ordinal();
        texts[i] = null;
        numbers[i] = 0;
        if (f == Field.RATINGS) {
            ratings = null;
        } else if (f == Field.REASONS) {
            reasons = null;
        }
        switch (v) {
            case VALUE_NULL -> kinds[i] = NULL;
            case VALUE_STRING -> {
                kinds[i] = STRING;
                texts[i] = f.code ? canonical(p.getText()) : p.getText();
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    kinds[i] = type == JsonParser.NumberType.INT ? INT : LONG;
                    numbers[i] = p.getLongValue();
                } else {
                    kinds[i] = OTHER_NUMBER;
                    texts[i] = p.getText();
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                kinds[i] = OTHER_NUMBER;
                texts[i] = p.getText();
            }
            case VALUE_TRUE -> kinds[i] = TRUE;
            case VALUE_FALSE -> kinds[i] = FALSE;
            case START_ARRAY, START_OBJECT -> {
                kinds[i] = v == JsonToken.START_ARRAY ? ARRAY : OBJECT;
                numbers[i] = container(f, p, v == JsonToken.START_OBJECT);
            }
            default -> { // an embedded object: no JSON parser produces one
                kinds[i] = OBJECT;
                p.skipChildren();
            }
        }
    }

    /** Reads a container's elements (keeping ratings and reasons), returns how many it has. */
    private long container(Field f, JsonParser p, boolean object) throws IOException {
        JsonToken end = object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
        if (f == Field.RATINGS && object) {
            ratings = new int[RATINGS.size()];
            java.util.Arrays.fill(ratings, NO_RATING);
        } else if (f == Field.REASONS) {
            reasons = new ArrayList<>(2);
        }
        long n = 0;
        for (JsonToken t = p.nextToken(); t != end; t = p.nextToken()) {
            String name = null;
            if (object) {
                name = p.currentName();
                t = p.nextToken();
            }
            n++;
            if (f == Field.RATINGS && object) {
                int r = RATINGS.indexOf(name);
                if (r >= 0) {
                    ratings[r] = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? p.getIntValue() : NO_RATING;
                }
            } else if (f == Field.REASONS) {
                reasons.add(elementText(p, t));
            }
            p.skipChildren();
        }
        return n;
    }

    /** JsonNode.asText of a container's element. */
    private static String elementText(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> "";
        };
    }

    /**
     * One instance per distinct code text (stores, attribute values, event types): each is hashed and compared many
     * times per event (rollup keys, the cells of the marginals); a shared instance has its hash cached and compares
     * by identity. Bounded: past {@value #MAX_CODES} distinct texts it starts over.
     */
    static String canonical(String text) {
        String shared = CODES.putIfAbsent(text, text);
        if (shared != null) {
            return shared;
        }
        if (CODES.size() > MAX_CODES) {
            CODES.clear();
        }
        return text;
    }

    // ------------------------------------------------------------------ answers, as JsonNode's

    /** JsonNode.isMissingNode of {@code path(f)}. */
    public boolean isMissing(Field f) {
        return kinds[f.ordinal()] == MISSING;
    }

    /** JsonNode.isNull of {@code path(f)}. */
    public boolean isNull(Field f) {
        return kinds[f.ordinal()] == NULL;
    }

    /** JsonNode.hasNonNull. */
    public boolean hasNonNull(Field f) {
        return kinds[f.ordinal()] > NULL;
    }

    public boolean isTextual(Field f) {
        return kinds[f.ordinal()] == STRING;
    }

    /** An integer within int range (JsonNode.isInt). */
    public boolean isInt(Field f) {
        return kinds[f.ordinal()] == INT;
    }

    public boolean isNumber(Field f) {
        byte k = kinds[f.ordinal()];
        return k == INT || k == LONG || k == OTHER_NUMBER;
    }

    /** JsonNode.asText of {@code path(f)}: "" when missing, "null" for null, "" for a container. */
    public String asText(Field f) {
        int i = f.ordinal();
        return switch (kinds[i]) {
            case MISSING, ARRAY, OBJECT -> "";
            case NULL -> "null";
            case STRING, OTHER_NUMBER -> texts[i];
            case INT, LONG -> Long.toString(numbers[i]);
            case TRUE -> "true";
            default -> "false";
        };
    }

    /** JsonNode.asLong of {@code path(f)}: 0 when there is no number to read. */
    public long asLong(Field f) {
        int i = f.ordinal();
        switch (kinds[i]) {
            case INT, LONG:
                return numbers[i];
            case TRUE:
                return 1;
            case OTHER_NUMBER:
            case STRING:
                String t = texts[i].trim();
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    try {
                        return (long) Double.parseDouble(t); // as Jackson: "7.5" reads 7
                    } catch (NumberFormatException e2) {
                        return 0;
                    }
                }
            default:
                return 0;
        }
    }

    public int asInt(Field f) {
        return (int) asLong(f);
    }

    /** JsonNode.asBoolean(def) of {@code path(f)}. */
    public boolean asBoolean(Field f, boolean def) {
        int i = f.ordinal();
        return switch (kinds[i]) {
            case TRUE -> true;
            case FALSE -> false;
            case INT, LONG -> numbers[i] != 0;
            case STRING -> "true".equals(texts[i].trim()) || !"false".equals(texts[i].trim()) && def;
            default -> def;
        };
    }

    /** JsonNode.size of {@code path(f)}: elements of an array or object, else 0. */
    public long size(Field f) {
        byte k = kinds[f.ordinal()];
        return k == ARRAY || k == OBJECT ? numbers[f.ordinal()] : 0;
    }

    /** A rating of {@code ratings} (index into {@link #RATINGS}), or {@link #NO_RATING}. */
    public int rating(int index) {
        return ratings == null ? NO_RATING : ratings[index];
    }

    /** The texts of {@code reasons}' elements (JsonNode.asText each), empty when it is not an array or object. */
    public List<String> reasons() {
        return reasons == null ? List.of() : reasons;
    }
}
