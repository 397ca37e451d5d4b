package io.npsloop.analytics.coverage;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.query.Dtos.Dashboard;
import io.npsloop.analytics.query.Dtos.Warning;
import io.npsloop.analytics.query.AnswerCache;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds COVERAGE_OUTLIER warnings (store and advisor, {@link CoverageRule}) to the dashboard of an HQ_ANALYST. The
 * chain is always the whole chain; the selection's stores (storeId/regionId filters) only choose which groups are
 * reported. Segment-attribute filters do not apply (orders and staff are not split by them here).
 */
@ApplicationScoped
public class CoverageOutliers {

    private final Pool pool;
    private final CoverageConfig config;
    private final int kMin;
    /** Warnings by (data version, week, stores): coverage_week changes only in feed transactions. */
    private final AnswerCache<CacheKey, List<Warning>> cache;

    private record CacheKey(String version, LocalDate monday, List<String> storeIds) {
    }

    CoverageOutliers(Pool pool, CoverageConfig config, AnalyticsConfig analytics) {
        this.pool = pool;
        this.config = config;
        this.kMin = analytics.kMin();
        this.cache = new AnswerCache<>(analytics.query().cacheSize());
    }

    CoverageRule.Params params() {
        return new CoverageRule.Params(config.z(), config.minOrders(), Math.max(kMin, config.minResponses()),
                config.npsMargin());
    }

    /**
     * The dashboard with the week's coverage outliers appended to its warnings (HQ_ANALYST only; else unchanged).
     *
     * @param version the data version the dashboard was read at (null: not cached)
     */
    public Uni<Dashboard> addTo(Dashboard d, Caller caller, List<String> storeIds, LocalDate monday, String version) {
        if (!config.enabled() || !caller.roles().contains("HQ_ANALYST")) {
            return Uni.createFrom().item(d);
        }
        return cachedWarnings(storeIds, monday, version).map(w -> {
            if (w.isEmpty()) {
                return d;
            }
            List<Warning> all = new ArrayList<>(d.warnings());
            all.addAll(w);
            return d.withWarnings(all);
        });
    }

    private Uni<List<Warning>> cachedWarnings(List<String> storeIds, LocalDate monday, String version) {
        CacheKey key = version == null ? null : new CacheKey(version, monday, storeIds == null ? null : List.copyOf(storeIds));
        return cache.get(key, () -> warnings(storeIds, monday).map(List::copyOf));
    }

    /** @param storeIds stores to report (null = all) */
    Uni<List<Warning>> warnings(List<String> storeIds, LocalDate monday) {
        return pool.preparedQuery("SELECT store_id, advisor_id, orders, answered, promoters, passives, detractors "
                        + "FROM coverage_week WHERE week = $1")
                .execute(Tuple.of(monday))
                .map(rs -> {
                    long[] chain = new long[5];
                    Map<String, long[]> stores = new TreeMap<>();
                    Map<List<String>, long[]> advisors = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(1))
                            .thenComparing(k -> k.get(0)));
                    for (Row r : rs) {
                        long[] m = {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)};
                        add(chain, m);
                        add(stores.computeIfAbsent(r.getString(0), k -> new long[5]), m);
                        if (!r.getString(1).isEmpty()) {
                            add(advisors.computeIfAbsent(List.of(r.getString(0), r.getString(1)), k -> new long[5]), m);
                        }
                    }
                    List<CoverageRule.Group> groups = new ArrayList<>();
                    stores.forEach((s, m) -> {
                        if (storeIds == null || storeIds.contains(s)) {
                            groups.add(group(CoverageRule.STORE, s, s, m));
                        }
                    });
                    advisors.forEach((k, m) -> {
                        if (storeIds == null || storeIds.contains(k.get(0))) {
                            groups.add(group(CoverageRule.ADVISOR, k.get(1), k.get(0), m));
                        }
                    });
                    return CoverageRule.outliers(groups, group("chain", null, null, chain), params());
                });
    }

    private static CoverageRule.Group group(String dim, String segment, String store, long[] m) {
        return new CoverageRule.Group(dim, segment, store, m[0], m[1], m[2], m[3], m[4]);
    }

    private static void add(long[] into, long[] m) {
        for (int i = 0; i < into.length; i++) {
            into[i] += m[i];
        }
    }
}
