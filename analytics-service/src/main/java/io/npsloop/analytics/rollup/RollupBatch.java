package io.npsloop.analytics.rollup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rollup deltas of one applied batch of events, summed per key in memory and written in one statement. */
public final class RollupBatch {

    /** Store id of the marginal rows summed over the whole chain (unscoped queries read only these). */
    public static final String CHAIN = "*";

    private final Map<Key, long[]> deltas = new LinkedHashMap<>();
    /** The deltas summed per day and store, built once when the marginals are first asked for. */
    private Map<DayStore, Cell> cells;

    public void add(Key key, Measure m, long amount) {
        if (amount != 0) {
            cells = null;
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
     * <p>
     * Summed in two steps: each fine key once into its (day, store) cell — the 'ALL' sums and, per attribute, a
     * small map by value — then the cells into the rows. Summing every fine key straight into day × store × dim ×
     * value keys took 34 composite-key map updates per fine key (a fifth of the service's CPU while catching up);
     * cells are few (the days a batch spans × stores).
     */
    public Map<DimKey, long[]> marginals(boolean weekly) {
        Map<DimKey, long[]> out = new HashMap<>();
        for (Map.Entry<DayStore, Cell> e : cells().entrySet()) {
            java.time.LocalDate day = weekly ? e.getKey().day().with(java.time.DayOfWeek.MONDAY) : e.getKey().day();
            Cell c = e.getValue();
            for (String store : new String[]{e.getKey().storeId(), CHAIN}) {
                addTo(out, new DimKey(day, store, "ALL", ""), c.all);
                if (weekly || store.equals(CHAIN)) {
                    for (Attr a : Attr.ALL) {
                        String dim = a.name();
                        c.byValue[a.ordinal()].forEach((value, v) -> addTo(out, new DimKey(day, store, dim, value), v));
                    }
                }
            }
        }
        return out;
    }

    private Map<DayStore, Cell> cells() {
        if (cells == null) {
            Map<DayStore, Cell> m = new HashMap<>();
            deltas.forEach((k, v) -> {
                Cell c = m.computeIfAbsent(new DayStore(k.day(), k.storeId()), x -> new Cell());
                sum(c.all, v);
                for (int a = 0; a < Attr.COUNT; a++) {
                    sum(c.byValue[a].computeIfAbsent(k.attrs().get(a), x -> new long[Measure.COUNT]), v);
                }
            });
            cells = m;
        }
        return cells;
    }

    private static void addTo(Map<DimKey, long[]> out, DimKey key, long[] v) {
        sum(out.computeIfAbsent(key, x -> new long[Measure.COUNT]), v);
    }

    private static void sum(long[] acc, long[] v) {
        for (int i = 0; i < v.length; i++) {
            acc[i] += v[i];
        }
    }

    private record DayStore(java.time.LocalDate day, String storeId) {
        @Override
        public int hashCode() {
            return Hashes.finish(Hashes.add(Hashes.start(day), storeId));
        }
    }

    /** One day and store of a batch: its 'ALL' sums and, per attribute, the sums by value. */
    private static final class Cell {
        final long[] all = new long[Measure.COUNT];
        @SuppressWarnings("unchecked")
        final Map<String, long[]>[] byValue = new Map[Attr.COUNT];

        Cell() {
            for (int a = 0; a < Attr.COUNT; a++) {
                byValue[a] = new HashMap<>(8);
            }
        }
    }

    public record DimKey(java.time.LocalDate day, String storeId, String dim, String value) {
        @Override
        public int hashCode() {
            return Hashes.finish(Hashes.add(Hashes.add(Hashes.add(Hashes.start(day), storeId), dim), value));
        }
    }
}
