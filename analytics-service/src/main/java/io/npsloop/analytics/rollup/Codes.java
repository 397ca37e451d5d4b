package io.npsloop.analytics.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a statement's low-cardinality text columns (segment attributes) as small-integer codes into one text
 * dictionary, instead of one text array per column: the binary encoding of the rollup upserts' text arrays was the
 * service's largest CPU item while catching up (~11 %, Netty's UTF-8 writer), and a batch's ten attribute columns
 * hold a few dozen distinct values over tens of thousands of rows. PostgreSQL receives an int2 array per column
 * (fixed-size elements, cheaper to read than text) and looks each code up in the dictionary ({@link #lookup}).
 */
final class Codes {

    private final Map<String, Short> codes = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();

    /** The 1-based code of a text (PostgreSQL arrays start at 1). */
    Short code(String text) {
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

    String[] dictionary() {
        return dictionary.toArray(new String[0]);
    }

    /** SQL of the text a code column stands for: {@code ($dict::text[])[column]}. */
    static String lookup(int dictParam, String column) {
        return "($" + dictParam + "::text[])[" + column + "]";
    }
}
