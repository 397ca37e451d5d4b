package io.npsloop.analytics.rollup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rollup deltas of one applied batch of events, summed per key in memory and written in one statement. */
public final class RollupBatch {

    /** Store id of the marginal rows summed over the whole chain (unscoped queries read only these). */
    public static final String CHAIN = "*";

    private final Map<Key, long[]> deltas = new LinkedHashMap<>();

    public void add(Key key, Measure m, long amount) {
        if (amount != 0) {
            deltas.computeIfAbsent(key, k -> new long[Measure.COUNT])[m.ordinal()] += amount;
        }
    }

    public void inc(Key key, Measure m) {
        add(key, m, 1);
    }

    public Map<Key, long[]> fine() {
        return deltas;
    }

    public boolean isEmpty() {
        return deltas.isEmpty();
    }

    /** The marginal rows: dim 'ALL' value '' and one row per attribute, per day and store and for the chain. */
    public Map<DimKey, long[]> marginals() {
        return marginals(false);
    }

    /**
     * The marginals per day, or per ISO week (day = its Monday) when {@code weekly}. Weekly: 'ALL' and one row per
     * attribute, per store and for the chain. Daily: the same for the chain, but per store only 'ALL' — a store's
     * day-level attribute rows were ten of every eleven rows written while catching up (70 % of the transaction
     * time in PostgreSQL's log) and add nothing a store's fine rows cannot answer ({@link RollupRepository}
     * reads those instead).
     */
    public Map<DimKey, long[]> marginals(boolean weekly) {
        Map<DimKey, long[]> out = new HashMap<>();
        deltas.forEach((k, v) -> {
            java.time.LocalDate day = weekly ? k.day().with(java.time.DayOfWeek.MONDAY) : k.day();
            for (String store : new String[]{k.storeId(), CHAIN}) {
                addTo(out, new DimKey(day, store, "ALL", ""), v);
                if (weekly || store.equals(CHAIN)) {
                    for (Attr a : Attr.ALL) {
                        addTo(out, new DimKey(day, store, a.name(), k.attr(a)), v);
                    }
                }
            }
        });
        return out;
    }

    private static void addTo(Map<DimKey, long[]> out, DimKey key, long[] v) {
        long[] acc = out.computeIfAbsent(key, x -> new long[Measure.COUNT]);
        for (int i = 0; i < v.length; i++) {
            acc[i] += v[i];
        }
    }

    public record DimKey(java.time.LocalDate day, String storeId, String dim, String value) {
    }
}
