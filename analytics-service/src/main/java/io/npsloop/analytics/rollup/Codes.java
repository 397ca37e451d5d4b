package io.npsloop.analytics.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a statement's low-cardinality text columns (segment attributes) as small-integer codes into one text
 * dictionary, instead of one text array per column: the binary encoding of the rollup upserts' text arrays was the
 * service's largest CPU item while catching up (~11 %, Netty's UTF-8 writer), and a batch's ten attribute columns
 * hold a few dozen distinct values over tens of thousands of rows (the same in the response_fact and invitation_seg
 * inserts). PostgreSQL receives an int2 array per column (fixed-size elements, cheaper to read than text) and looks
 * each code up in the dictionary ({@link #lookup}).
 */
public final class Codes {

    private final Map<String, Short> codes = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();

    /** The 1-based code of a text (PostgreSQL arrays start at 1). */
    public Short code(String text) {
        Short c = codes.get(text);
        if (c == null) {
            if (dictionary.size() >= Short.MAX_VALUE) {
                throw new IllegalStateException("more than " + Short.MAX_VALUE + " distinct attribute values in one batch");
            }
            dictionary.add(text);
            c = (short) dictionary.size();
            codes.put(text, c);
        }
        return c;
    }

    public String[] dictionary() {
        return dictionary.toArray(new String[0]);
    }

    /** SQL of the text a code column stands for: {@code ($dict::text[])[column]}. */
    static String lookup(int dictParam, String column) {
        return "($" + dictParam + "::text[])[" + column + "]";
    }

    /** The attributes' texts, in {@link Attr} order, from code columns {@code u.a0 … u.a9}: "($1::text[])[u.a0], …". */
    public static String attrLookups(int dictParam) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < Attr.COUNT; a++) {
            sb.append(a == 0 ? "" : ", ").append(lookup(dictParam, "u.a" + a));
        }
        return sb.toString();
    }

    /** The attributes' code parameters for unnest: "$p::int2[], …" (ten). */
    public static String attrParams(int firstParam) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < Attr.COUNT; a++) {
            sb.append(a == 0 ? "" : ", ").append('$').append(firstParam + a).append("::int2[]");
        }
        return sb.toString();
    }

    /** The code columns' names in unnest's alias list: "a0, …, a9". */
    public static String attrAliases() {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < Attr.COUNT; a++) {
            sb.append(a == 0 ? "" : ", ").append('a').append(a);
        }
        return sb.toString();
    }
}
