package io.npsloop.analytics.rollup;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rollup deltas of one applied batch of events, summed per key in memory and written in one statement. */
public final class RollupBatch {

    /** Store id of the marginal rows summed over the whole chain (unscoped queries read only these). */
    public static final String CHAIN = "*";

    private final Map<Key, long[]> deltas = new LinkedHashMap<>();
    /** The deltas summed per cell, built once when the marginals are first asked for. */
    private Map<DayStore, Cell> dailyCells;
    private Map<DayStore, Cell> weeklyCells;

    public void add(Key key, Measure m, long amount) {
        if (amount != 0) {
            dailyCells = null;
            weeklyCells = null;
            deltas.computeIfAbsent(key, k -> new long[Measure.COUNT])[m.ordinal()] += amount;
        }
    }

    public void inc(Key key, Measure m) {
        add(key, m, 1);
    }

    /**
     * The deltas of one key, indexed by {@link Measure#ordinal()}, created if needed: an event that adds to many
     * measures of one key (a response, about twenty) looks the key up once.
     */
    public long[] row(Key key) {
        dailyCells = null;
        weeklyCells = null;
        return deltas.computeIfAbsent(key, k -> new long[Measure.COUNT]);
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
     * Summed in two steps: each fine key into the cells it belongs to — (day, store), (day, chain), (week, store),
     * (week, chain), each holding the 'ALL' sums and, per attribute, a small map by value — then each cell into its
     * rows. Summing every fine key straight into day × store × dim × value keys took 34 composite-key map updates
     * per fine key, a fifth of the service's CPU while catching up; cells are few (the days and weeks a batch spans
     * × stores) and their maps are keyed by the value alone. A fine key's deltas are sparse (an order touches one
     * measure of 71, a response about twenty): only its non-zero measures are added into its cells.
     */
    public Map<DimKey, long[]> marginals(boolean weekly) {
        Map<DimKey, long[]> out = new HashMap<>();
        cells(weekly).forEach((at, c) -> {
            addTo(out, new DimKey(at.day(), at.storeId(), "ALL", ""), c.all);
            if (weekly || at.storeId().equals(CHAIN)) {
                for (Attr a : Attr.ALL) {
                    String dim = a.name();
                    c.byValue[a.ordinal()].forEach((value, v) -> addTo(out, new DimKey(at.day(), at.storeId(), dim, value), v));
                }
            }
        });
        return out;
    }

    private Map<DayStore, Cell> cells(boolean weekly) {
        Map<DayStore, Cell> m = weekly ? weeklyCells : dailyCells;
        if (m == null) {
            Map<DayStore, Cell> built = new HashMap<>();
            int[] nonZero = new int[Measure.COUNT];
            deltas.forEach((k, v) -> {
                int n = 0;
                for (int i = 0; i < v.length; i++) {
                    if (v[i] != 0) {
                        nonZero[n++] = i;
                    }
                }
                java.time.LocalDate day = weekly ? k.day().with(java.time.DayOfWeek.MONDAY) : k.day();
                // a store's daily cell needs only its 'ALL' sums (see above)
                built.computeIfAbsent(new DayStore(day, k.storeId()), x -> new Cell(weekly)).add(k, v, nonZero, n);
                if (!weekly) {
                    built.computeIfAbsent(new DayStore(day, CHAIN), x -> new Cell(true)).add(k, v, nonZero, n);
                }
            });
            if (weekly) {
                // a week's chain cell is the sum of its stores' cells, which carry every attribute too: a few
                // hundred cells to add instead of every fine key a second time
                Map<DayStore, Cell> chain = new HashMap<>();
                built.forEach((at, c) -> chain.computeIfAbsent(new DayStore(at.day(), CHAIN), x -> new Cell(true)).add(c));
                chain.forEach((at, c) -> built.merge(at, c, (store, sum) -> store.add(sum)));
            }
            m = built;
            if (weekly) {
                weeklyCells = m;
            } else {
                dailyCells = m;
            }
        }
        return m;
    }

    private static void addTo(Map<DimKey, long[]> out, DimKey key, long[] v) {
        sum(out.computeIfAbsent(key, x -> new long[Measure.COUNT]), v);
    }

    private static void sum(long[] acc, long[] v) {
        for (int i = 0; i < v.length; i++) {
            acc[i] += v[i];
        }
    }

    private static void sum(long[] acc, long[] v, int[] indices, int n) {
        for (int j = 0; j < n; j++) {
            acc[indices[j]] += v[indices[j]];
        }
    }

    private record DayStore(java.time.LocalDate day, String storeId) {
        @Override
        public int hashCode() {
            return Hashes.finish(Hashes.add(Hashes.start(day), storeId));
        }
    }

    /** One day (or week) and store (or the chain) of a batch: its 'ALL' sums and, per attribute, the sums by value. */
    private static final class Cell {
        final long[] all = new long[Measure.COUNT];
        @SuppressWarnings("unchecked")
        final Map<String, long[]>[] byValue = new Map[Attr.COUNT];
        final boolean attributes;

        Cell(boolean attributes) {
            this.attributes = attributes;
            for (int a = 0; a < Attr.COUNT; a++) {
                byValue[a] = attributes ? new HashMap<>(8) : Map.of();
            }
        }

        /** Adds another cell with attributes into this one; returns this. */
        Cell add(Cell other) {
            sum(all, other.all);
            for (int a = 0; a < Attr.COUNT; a++) {
                Map<String, long[]> into = byValue[a];
                other.byValue[a].forEach((value, v) -> sum(into.computeIfAbsent(value, x -> new long[Measure.COUNT]), v));
            }
            return this;
        }

        /** Adds {@code v}'s measures {@code nonZero[0..n)} (the others are 0). */
        void add(Key k, long[] v, int[] nonZero, int n) {
            sum(all, v, nonZero, n);
            if (attributes) {
                for (int a = 0; a < Attr.COUNT; a++) {
                    sum(byValue[a].computeIfAbsent(k.attrs().get(a), x -> new long[Measure.COUNT]), v, nonZero, n);
                }
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
