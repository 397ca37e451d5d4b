package io.npsloop.analytics.rollup;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The key of a fine rollup row: day (chain zone) × store × the ten attributes ('' when not given). */
public record Key(LocalDate day, String storeId, List<String> attrs) {

    public Key {
        if (attrs.size() != Attr.COUNT) {
            throw new IllegalArgumentException("attrs must have " + Attr.COUNT + " values");
        }
    }

    /** A key with no segment attributes (referral events: only the store is known). */
    public static Key storeOnly(LocalDate day, String storeId) {
        String[] empty = new String[Attr.COUNT];
        Arrays.fill(empty, "");
        return new Key(day, storeId, List.of(empty));
    }

    @Override
    public int hashCode() {
        int h = Hashes.add(Hashes.start(day), storeId);
        for (String a : attrs) {
            h = Hashes.add(h, a);
        }
        return Hashes.finish(h);
    }

    public Key withDay(LocalDate d) {
        return new Key(d, storeId, attrs);
    }

    public String attr(Attr a) {
        return attrs.get(a.ordinal());
    }
}
