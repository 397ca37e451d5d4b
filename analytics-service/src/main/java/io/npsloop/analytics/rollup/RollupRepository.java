package io.npsloop.analytics.rollup;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** All SQL on the rollup tables: the batched upsert of a batch's deltas and the grouped sums queries read. */
@ApplicationScoped
public class RollupRepository {

    /** A grouping of the result: the total, per store, or per attribute value. */
    public static final String TOTAL = "TOTAL";
    public static final String STORE = "STORE";

    public enum Bucket {
        NONE("''"), DAY("to_char(day, 'YYYY-MM-DD')"), WEEK("to_char(day, 'IYYY-\"W\"IW')"),
        MONTH("to_char(day, 'YYYY-MM')");

        final String sql;

        Bucket(String sql) {
            this.sql = sql;
        }
    }

    /** Which rows count: stores (null = every store) and attribute filters (OR within, AND across). */
    public record Selection(List<String> storeIds, Map<Attr, List<String>> attrs) {
    }

    /** One group's sums: bucket (period), grouping (TOTAL, STORE or an attribute name), its value. */
    public record Agg(String bucket, String grouping, String value, long[] m) {
        public long get(Measure measure) {
            return m[measure.ordinal()];
        }
    }

    private static final String MEASURE_COLS = Arrays.stream(Measure.ALL).map(Measure::column)
            .collect(Collectors.joining(", "));
    private static final String SUMS = Arrays.stream(Measure.ALL).map(m -> "sum(" + m.column() + ")::bigint")
            .collect(Collectors.joining(", "));
    private static final String ATTR_COLS = Arrays.stream(Attr.ALL).map(Attr::column)
            .collect(Collectors.joining(", "));
    private static final String FINE_UPSERT = fineUpsert();
    private static final String DIM_UPSERT = dimUpsert("rollup_dim");
    private static final String WEEK_UPSERT = dimUpsert("rollup_week");

    private final Pool pool;

    RollupRepository(Pool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------------ writes (inside the feed transaction)

    public Uni<Void> write(SqlClient tx, RollupBatch batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Key, long[]> fine = batch.fine();
        int rows = fine.size();
        List<Object> params = new ArrayList<>();
        LocalDate[] days = new LocalDate[rows];
        String[] stores = new String[rows];
        String[][] attrs = new String[Attr.COUNT][rows];
        Long[][] ms = new Long[Measure.COUNT][rows];
        int i = 0;
        for (var e : fine.entrySet()) {
            days[i] = e.getKey().day();
            stores[i] = e.getKey().storeId();
            for (int a = 0; a < Attr.COUNT; a++) {
                attrs[a][i] = e.getKey().attrs().get(a);
            }
            for (int m = 0; m < Measure.COUNT; m++) {
                ms[m][i] = e.getValue()[m];
            }
            i++;
        }
        params.add(days);
        params.add(stores);
        params.addAll(Arrays.asList(attrs));
        params.addAll(Arrays.asList(ms));

        return tx.preparedQuery(FINE_UPSERT).execute(Tuple.from(params))
                .chain(() -> tx.preparedQuery(DIM_UPSERT).execute(dimParams(batch.marginals(false))))
                .chain(() -> tx.preparedQuery(WEEK_UPSERT).execute(dimParams(batch.marginals(true))))
                .replaceWithVoid();
    }

    private static Tuple dimParams(Map<RollupBatch.DimKey, long[]> dims) {
        int i;
        int drows = dims.size();
        LocalDate[] ddays = new LocalDate[drows];
        String[] dstores = new String[drows];
        String[] ddim = new String[drows];
        String[] dval = new String[drows];
        Long[][] dms = new Long[Measure.COUNT][drows];
        i = 0;
        for (var e : dims.entrySet()) {
            ddays[i] = e.getKey().day();
            dstores[i] = e.getKey().storeId();
            ddim[i] = e.getKey().dim();
            dval[i] = e.getKey().value();
            for (int m = 0; m < Measure.COUNT; m++) {
                dms[m][i] = e.getValue()[m];
            }
            i++;
        }
        List<Object> dparams = new ArrayList<>(List.of(ddays, dstores, ddim, dval));
        dparams.addAll(Arrays.asList(dms));
        return Tuple.from(dparams);
    }

    private static String fineUpsert() {
        StringBuilder sb = new StringBuilder("INSERT INTO rollup_fine (day, store_id, ").append(ATTR_COLS)
                .append(", ").append(MEASURE_COLS).append(") SELECT * FROM unnest($1::date[], $2::text[]");
        int p = 3;
        for (int a = 0; a < Attr.COUNT; a++) {
            sb.append(", $").append(p++).append("::text[]");
        }
        for (int m = 0; m < Measure.COUNT; m++) {
            sb.append(", $").append(p++).append("::int8[]");
        }
        sb.append(") ON CONFLICT (day, store_id, ").append(ATTR_COLS).append(") DO UPDATE SET ");
        sb.append(Arrays.stream(Measure.ALL).map(m -> m.column() + " = rollup_fine." + m.column()
                + " + EXCLUDED." + m.column()).collect(Collectors.joining(", ")));
        return sb.toString();
    }

    private static String dimUpsert(String table) {
        StringBuilder sb = new StringBuilder("INSERT INTO " + table + " (day, store_id, dim, value, ")
                .append(MEASURE_COLS).append(") SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]");
        int p = 5;
        for (int m = 0; m < Measure.COUNT; m++) {
            sb.append(", $").append(p++).append("::int8[]");
        }
        sb.append(") ON CONFLICT (day, dim, store_id, value) DO UPDATE SET ");
        sb.append(Arrays.stream(Measure.ALL).map(m -> m.column() + " = " + table + "." + m.column()
                + " + EXCLUDED." + m.column()).collect(Collectors.joining(", ")));
        return sb.toString();
    }

    // ------------------------------------------------------------------ reads

    /**
     * Sums of every measure over [from, to] for the selection, grouped by bucket and by each requested grouping
     * ({@link #TOTAL}, {@link #STORE} or an {@link Attr} name). Answered from the marginal table when the
     * selection filters at most one attribute and only that attribute is broken down; otherwise from the fine one.
     */
    public Uni<List<Agg>> aggregate(LocalDate from, LocalDate to, Selection sel, Bucket bucket, Set<String> groupings) {
        Map<Attr, List<String>> filters = sel.attrs();
        Set<Attr> filtered = filters.keySet();
        Set<String> attrGroupings = groupings.stream().filter(g -> !g.equals(TOTAL) && !g.equals(STORE))
                .collect(Collectors.toSet());
        boolean marginal = filtered.isEmpty()
                || (filtered.size() == 1 && attrGroupings.stream().allMatch(g -> g.equals(filtered.iterator().next().name())));
        List<Object> params = new ArrayList<>();
        params.add(from);
        params.add(to);
        String storeClause = "";
        String chainClause = "";
        if (sel.storeIds() != null) {
            params.add(sel.storeIds().toArray(new String[0]));
            storeClause = " AND store_id = ANY($3)";
        } else {
            chainClause = " AND store_id = '" + RollupBatch.CHAIN + "'";
            storeClause = " AND store_id <> '" + RollupBatch.CHAIN + "'";
        }
        boolean weekAligned = (bucket == Bucket.NONE || bucket == Bucket.WEEK)
                && from.getDayOfWeek() == java.time.DayOfWeek.MONDAY && to.getDayOfWeek() == java.time.DayOfWeek.SUNDAY;
        String table = weekAligned ? "rollup_week" : "rollup_dim";
        String sql = marginal ? marginalSql(table, bucket, groupings, filters, params, storeClause,
                chainClause.isEmpty() ? storeClause : chainClause)
                : fineSql(bucket, groupings, filters, params, storeClause);
        return pool.preparedQuery(sql).execute(Tuple.from(params)).map(rs -> {
            List<Agg> out = new ArrayList<>();
            for (Row r : rs) {
                long[] m = new long[Measure.COUNT];
                for (int i = 0; i < Measure.COUNT; i++) {
                    Long v = r.getLong(3 + i);
                    m[i] = v == null ? 0 : v;
                }
                out.add(new Agg(r.getString(0), r.getString(1), r.getString(2), m));
            }
            return out;
        });
    }

    private static String marginalSql(String table, Bucket bucket, Set<String> groupings, Map<Attr, List<String>> filters,
                                      List<Object> params, String storeClause, String totalClause) {
        // per-store groupings read the stores' rows; totals and attribute groupings of the whole chain its '*' rows
        String storeBase = " FROM " + table + " WHERE day BETWEEN $1 AND $2" + storeClause;
        String base = " FROM " + table + " WHERE day BETWEEN $1 AND $2" + totalClause;
        if (filters.isEmpty()) {
            // one pass over the rows of every requested dimension ('ALL' is the total), one more for per-store
            List<String> dims = new ArrayList<>();
            for (String g : groupings) {
                if (g.equals(TOTAL)) {
                    dims.add("ALL");
                } else if (!g.equals(STORE)) {
                    dims.add(Attr.valueOf(g).name());
                }
            }
            List<String> parts = new ArrayList<>();
            if (!dims.isEmpty()) {
                params.add(dims.toArray(new String[0]));
                parts.add("SELECT " + bucket.sql + ", CASE dim WHEN 'ALL' THEN '" + TOTAL + "' ELSE dim END, value, "
                        + SUMS + base + " AND dim = ANY($" + params.size() + ") GROUP BY 1, dim, value");
            }
            if (groupings.contains(STORE)) {
                parts.add("SELECT " + bucket.sql + ", '" + STORE + "', store_id, " + SUMS + storeBase
                        + " AND dim = 'ALL' GROUP BY 1, store_id");
            }
            return String.join(" UNION ALL ", parts);
        }
        String filterDim = "ALL";
        String filterValues = null;
        if (!filters.isEmpty()) {
            var f = filters.entrySet().iterator().next();
            filterDim = f.getKey().name();
            params.add(f.getValue().toArray(new String[0]));
            filterValues = "$" + params.size();
        }
        List<String> parts = new ArrayList<>();
        for (String g : new LinkedHashSet<>(groupings)) {
            String where;
            String valueExpr;
            String groupBy;
            if (g.equals(TOTAL) || g.equals(STORE)) {
                where = " AND dim = '" + filterDim + "'" + (filterValues == null ? "" : " AND value = ANY(" + filterValues + ")");
                valueExpr = g.equals(TOTAL) ? "''" : "store_id";
                groupBy = g.equals(TOTAL) ? "1" : "1, store_id";
            } else {
                Attr.valueOf(g); // only known names reach SQL
                where = " AND dim = '" + g + "'" + (g.equals(filterDim) ? " AND value = ANY(" + filterValues + ")" : "");
                valueExpr = "value";
                groupBy = "1, value";
            }
            parts.add("SELECT " + bucket.sql + ", '" + g + "', " + valueExpr + ", " + SUMS
                    + (g.equals(STORE) ? storeBase : base) + where + " GROUP BY " + groupBy);
        }
        return String.join(" UNION ALL ", parts);
    }

    private static String fineSql(Bucket bucket, Set<String> groupings, Map<Attr, List<String>> filters,
                                  List<Object> params, String storeClause) {
        StringBuilder where = new StringBuilder(" WHERE day BETWEEN $1 AND $2").append(storeClause);
        filters.forEach((a, vals) -> {
            params.add(vals.toArray(new String[0]));
            where.append(" AND ").append(a.column()).append(" = ANY($").append(params.size()).append(")");
        });
        String cte = "WITH f AS MATERIALIZED (SELECT " + bucket.sql + " AS b, store_id, " + ATTR_COLS + ", "
                + MEASURE_COLS + " FROM rollup_fine" + where + ") ";
        List<String> parts = new ArrayList<>();
        for (String g : new LinkedHashSet<>(groupings)) {
            String col = g.equals(TOTAL) ? null : g.equals(STORE) ? "store_id" : Attr.valueOf(g).column();
            parts.add("SELECT b, '" + g + "', " + (col == null ? "''" : col) + ", " + SUMS + " FROM f GROUP BY b"
                    + (col == null ? "" : ", " + col));
        }
        return cte + String.join(" UNION ALL ", parts);
    }

    /** store → region (null when the region is not known yet). */
    public Uni<Map<String, String>> storeRegions() {
        return pool.query("SELECT store_id, region_id FROM store_dim").execute().map(rs -> {
            Map<String, String> m = new HashMap<>();
            for (Row r : rs) {
                m.put(r.getString(0), r.getString(1));
            }
            return m;
        });
    }
}
