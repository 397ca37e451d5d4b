package io.npsloop.analytics.query;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.feed.EventApplier;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.query.Dtos.*;
import io.npsloop.analytics.rollup.Attr;
import io.npsloop.analytics.rollup.Measure;
import io.npsloop.analytics.rollup.RollupRepository;
import io.npsloop.analytics.rollup.RollupRepository.Agg;
import io.npsloop.analytics.rollup.RollupRepository.Bucket;
import io.npsloop.analytics.rollup.RollupRepository.Selection;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns rollup sums into the published figures; every number goes through {@link NpsMath}. */
@ApplicationScoped
public class QueryService {

    public enum Dimension { STORE, REGION, SERVICE_TYPE, PAYMENT_TYPE, VISIT_KIND, TENURE, LOCALITY, SPEND_BAND,
        AGE_BAND, GENDER, OCCUPATION, CHANNEL }

    public enum Granularity { DAY, WEEK, MONTH }

    static final String[] RATING_NAMES = {"responseSpeed", "professionalism", "transparency", "care"};
    static final Measure[][] RATING = {
            {Measure.R_SPEED_N, Measure.R_SPEED_X, Measure.R_SPEED_XX, Measure.R_SPEED_Y, Measure.R_SPEED_YY, Measure.R_SPEED_XY},
            {Measure.R_PROF_N, Measure.R_PROF_X, Measure.R_PROF_XX, Measure.R_PROF_Y, Measure.R_PROF_YY, Measure.R_PROF_XY},
            {Measure.R_TRANSP_N, Measure.R_TRANSP_X, Measure.R_TRANSP_XX, Measure.R_TRANSP_Y, Measure.R_TRANSP_YY, Measure.R_TRANSP_XY},
            {Measure.R_CARE_N, Measure.R_CARE_X, Measure.R_CARE_XX, Measure.R_CARE_Y, Measure.R_CARE_YY, Measure.R_CARE_XY}};

    private final RollupRepository repo;
    private final DataVersion dataVersion;
    private final int kMin;
    /** The store directory as of a data version: re-read only when a feed transaction has committed since. */
    private volatile Directory directory;
    /** Recent dashboards by (data version, week, selection, suppression): see {@link #dashboard(Scope, LocalDate)}. */
    private final AnswerCache<DashboardKey, Dashboard> dashboards;

    QueryService(RollupRepository repo, DataVersion dataVersion, AnalyticsConfig config) {
        this.repo = repo;
        this.dataVersion = dataVersion;
        this.kMin = config.kMin();
        this.dashboards = new AnswerCache<>(config.query().cacheSize());
    }

    /** Store → region and store → name, read at a data version (feed cursors). */
    record Directory(String version, Map<String, String> regions, Map<String, String> names) {
    }

    /** A resolved request: the caller, the rows it may see, the store directory and the data version read. */
    record Scope(Caller caller, Selection selection, Map<String, String> storeRegions, Map<String, String> storeNames,
                 String version) {
    }

    record DashboardKey(String version, LocalDate monday, List<String> stores, Map<Attr, List<String>> attrs,
                        boolean suppressed) {
    }

    Uni<Scope> scope(Caller caller, QueryParams.Filters f) {
        return directory().map(dir -> new Scope(caller,
                new Selection(caller.effectiveStores(f.storeIds(), f.regionIds(), dir.regions()), f.attrs()),
                dir.regions(), dir.names(), dir.version()));
    }

    /**
     * The store directory, re-read only when the data version ({@link DataVersion}) moved. Read after the version,
     * so it is never older than it.
     */
    Uni<Directory> directory() {
        return dataVersion.current().chain(v -> {
            Directory d = directory;
            if (d != null && d.version().equals(v)) {
                return Uni.createFrom().item(d);
            }
            return repo.storeDirectory().map(m -> {
                Map<String, String> regions = new HashMap<>();
                Map<String, String> names = new HashMap<>();
                m.forEach((id, info) -> {
                    regions.put(id, info.regionId());
                    if (info.name() != null && !info.name().isBlank()) {
                        names.put(id, info.name());
                    }
                });
                Directory nd = new Directory(v, Map.copyOf(nullSafe(regions)), Map.copyOf(names));
                directory = nd;
                return nd;
            });
        });
    }

    /** Map.copyOf refuses null values: a store whose region is unknown maps to "" (regionOf treats both alike). */
    private static Map<String, String> nullSafe(Map<String, String> m) {
        m.replaceAll((k, v) -> v == null ? "" : v);
        return m;
    }

    /** The label of a store segment: its name from StoreUpserted when known, else its id. */
    static String storeLabel(Scope s, String storeId) {
        String name = s.storeNames().get(storeId);
        return name == null ? storeId : name;
    }

    // ------------------------------------------------------------------ endpoints

    public Uni<NpsResult> nps(Scope s, LocalDate from, LocalDate to) {
        return total(s, from, to).map(m -> npsResult(s, m, false));
    }

    public Uni<Segments> segments(Scope s, Dimension dim, LocalDate from, LocalDate to) {
        String grouping = dim == Dimension.STORE || dim == Dimension.REGION ? RollupRepository.STORE : dim.name();
        return repo.aggregate(from, to, s.selection(), Bucket.NONE, Set.of(grouping)).map(aggs -> {
            Map<String, long[]> byKey = new TreeMap<>();
            for (Agg a : aggs) {
                String key = dim == Dimension.REGION ? regionOf(s, a.value()) : a.value();
                add(byKey.computeIfAbsent(key, k -> new long[Measure.COUNT]), a.m());
            }
            List<Segment> out = new ArrayList<>();
            byKey.forEach((k, m) -> {
                if (m[Measure.N.ordinal()] > 0) {
                    String label = k.isEmpty() ? "Not given" : dim == Dimension.STORE ? storeLabel(s, k) : k;
                    out.add(new Segment(k, label, npsResult(s, m, false)));
                }
            });
            return new Segments(dim.name(), out);
        });
    }

    public Uni<Trend> trend(Scope s, Granularity g, LocalDate from, LocalDate to) {
        Bucket b = Bucket.valueOf(g.name());
        return repo.aggregate(from, to, s.selection(), b, Set.of(RollupRepository.TOTAL)).map(aggs -> {
            Map<String, long[]> byPeriod = new HashMap<>();
            aggs.forEach(a -> byPeriod.put(a.bucket(), a.m()));
            List<TrendPoint> points = new ArrayList<>();
            for (String p : periods(g, from, to)) {
                points.add(new TrendPoint(p, npsResult(s, byPeriod.getOrDefault(p, new long[Measure.COUNT]), false)));
            }
            return new Trend(g.name(), points);
        });
    }

    public Uni<Drivers> drivers(Scope s, LocalDate from, LocalDate to) {
        return total(s, from, to).map(m -> {
            List<Driver> out = new ArrayList<>();
            for (int i = 0; i < RATING.length; i++) {
                Measure[] r = RATING[i];
                long n = m[r[0].ordinal()];
                Double c = hidden(s, n) ? null : NpsMath.pearson(n, m[r[1].ordinal()], m[r[2].ordinal()],
                        m[r[3].ordinal()], m[r[4].ordinal()], m[r[5].ordinal()]);
                out.add(new Driver(RATING_NAMES[i], c, n));
            }
            out.sort(Comparator.comparing((Driver d) -> d.correlation() == null ? Double.NEGATIVE_INFINITY : d.correlation())
                    .reversed().thenComparing(Driver::rating));
            return new Drivers(out);
        });
    }

    public Uni<Recovery> recovery(Scope s, LocalDate from, LocalDate to) {
        return total(s, from, to).map(m -> recovery(s, m));
    }

    Recovery recovery(Scope s, long[] m) {
        Measure[][] buckets = {{Measure.CLOSED_LE_1H, Measure.RECOVERED_LE_1H}, {Measure.CLOSED_LE_4H, Measure.RECOVERED_LE_4H},
                {Measure.CLOSED_LE_24H, Measure.RECOVERED_LE_24H}, {Measure.CLOSED_GT_24H, Measure.RECOVERED_GT_24H}};
        String[] names = {"LE_1H", "LE_4H", "LE_24H", "GT_24H"};
        List<LatencyBucket> by = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long cases = m[buckets[i][0].ordinal()];
            long rec = m[buckets[i][1].ordinal()];
            by.add(new LatencyBucket(names[i], cases, rec, hidden(s, cases) ? null : NpsMath.share(rec, cases)));
        }
        long fc = get(m, Measure.FIRST_CONTACTS);
        long closed = get(m, Measure.CASES_CLOSED);
        long resurvey = get(m, Measure.RESURVEY_N);
        return new Recovery(hidden(s, fc) ? null : NpsMath.mean(get(m, Measure.FC_MINUTES), fc),
                hidden(s, closed) ? null : NpsMath.share(get(m, Measure.CASES_RECOVERED), closed),
                hidden(s, resurvey) ? null : NpsMath.share(get(m, Measure.RESURVEY_DETRACTORS), resurvey), by);
    }

    public Uni<Funnel> funnel(Scope s, LocalDate from, LocalDate to) {
        return total(s, from, to).map(m -> {
            long completed = get(m, Measure.ORDERS_COMPLETED);
            long invited = get(m, Measure.INVITED);
            long answered = get(m, Measure.ANSWERED);
            return new Funnel(completed, invited, get(m, Measure.OPENED), answered,
                    NpsMath.share(answered, invited), NpsMath.share(answered, completed));
        });
    }

    public Uni<ReferralFunnel> referralFunnel(Scope s, LocalDate from, LocalDate to) {
        return total(s, from, to).map(m -> {
            long promoters = get(m, Measure.PROMOTERS);
            long conversions = get(m, Measure.REF_CONVERSIONS);
            return new ReferralFunnel(get(m, Measure.REF_CLICKS), get(m, Measure.REF_UNIQUE), get(m, Measure.REF_BOOKINGS),
                    conversions, get(m, Measure.REF_REWARDS_CENTS), promoters,
                    hidden(s, promoters) ? null : NpsMath.share(conversions, promoters));
        });
    }

    /**
     * The weekly dashboard. Cached by data version ({@link DataVersion}), taken for every request, so a committed
     * feed transaction makes the next request recompute — a cached answer is never older than the rollups were at
     * the version taken. {@code npsloop.query.cache-size=0} disables it.
     */
    public Uni<Dashboard> dashboard(Scope s, LocalDate monday) {
        if (s.version() == null) {
            return computeDashboard(s, monday);
        }
        Map<Attr, List<String>> attrs = new java.util.TreeMap<>();
        s.selection().attrs().forEach((a, v) -> attrs.put(a, v.stream().sorted().distinct().toList()));
        DashboardKey key = new DashboardKey(s.version(), monday, s.selection().storeIds(), attrs,
                s.caller().suppressedBelowKMin());
        return dashboards.get(key, () -> computeDashboard(s, monday));
    }

    Uni<Dashboard> computeDashboard(Scope s, LocalDate monday) {
        LocalDate prevMonday = monday.minusWeeks(1);
        LocalDate prev2Monday = monday.minusWeeks(2);
        String w0 = weekLabel(monday);
        String w1 = weekLabel(prevMonday);
        String w2 = weekLabel(prev2Monday);
        Set<String> groupings = new LinkedHashSet<>(List.of(RollupRepository.TOTAL, RollupRepository.STORE));
        for (Attr a : Attr.ALL) {
            groupings.add(a.name());
        }
        return repo.aggregate(prev2Monday, monday.plusDays(6), s.selection(), Bucket.WEEK, groupings).map(aggs -> {
            // week -> grouping -> value -> measures
            Map<String, Map<String, Map<String, long[]>>> idx = new HashMap<>();
            for (Agg a : aggs) {
                var byValue = idx.computeIfAbsent(a.bucket(), k -> new HashMap<>())
                        .computeIfAbsent(a.grouping(), k -> new TreeMap<>());
                add(byValue.computeIfAbsent(a.value(), k -> new long[Measure.COUNT]), a.m());
                if (a.grouping().equals(RollupRepository.STORE)) {
                    var byRegion = idx.get(a.bucket()).computeIfAbsent("REGION", k -> new TreeMap<>());
                    add(byRegion.computeIfAbsent(regionOf(s, a.value()), k -> new long[Measure.COUNT]), a.m());
                }
            }
            long[] cur = get(idx, w0, RollupRepository.TOTAL, "");
            long[] prev = get(idx, w1, RollupRepository.TOTAL, "");
            long[] prev2 = get(idx, w2, RollupRepository.TOTAL, "");

            NpsMath.Figures fc = figures(cur, false);
            NpsMath.Figures fp = figures(prev, false);
            Metric overall = npsMetric(s, fc, fp);
            Metric promoterShare = shareMetric(s, get(cur, Measure.PROMOTERS), fc.n(), get(prev, Measure.PROMOTERS), fp.n());
            Metric passiveShare = shareMetric(s, get(cur, Measure.PASSIVES), fc.n(), get(prev, Measure.PASSIVES), fp.n());
            Metric detractorShare = shareMetric(s, get(cur, Measure.DETRACTORS), fc.n(), get(prev, Measure.DETRACTORS), fp.n());
            Metric newNps = segmentMetric(s, idx, w0, w1, Attr.TENURE, "NEW");
            Metric oldNps = segmentMetric(s, idx, w0, w1, Attr.TENURE, "OLD");
            Metric maintenance = segmentMetric(s, idx, w0, w1, Attr.SERVICE_TYPE, "MAINTENANCE");
            Metric repair = segmentMetric(s, idx, w0, w1, Attr.SERVICE_TYPE, "REPAIR");

            long d0 = get(cur, Measure.DETRACTORS);
            long d1 = get(prev, Measure.DETRACTORS);
            long d2 = get(prev2, Measure.DETRACTORS);
            boolean hideGrowth = hidden(s, fc.n()) || hidden(s, fp.n());
            Double g0 = hideGrowth ? null : NpsMath.growth(d0, d1);
            Double g1 = hideGrowth || hidden(s, get(prev2, Measure.N)) ? null : NpsMath.growth(d1, d2);
            Metric growth = new Metric(g0, g1, NpsMath.delta(g0, g1), null);

            Metric firstContact = meanMetric(s, get(cur, Measure.FIRST_CONTACTS), get(cur, Measure.FC_MINUTES),
                    get(cur, Measure.FC_MINUTES_SQ), get(prev, Measure.FIRST_CONTACTS), get(prev, Measure.FC_MINUTES),
                    get(prev, Measure.FC_MINUTES_SQ));
            Metric recoveryRate = shareMetric(s, get(cur, Measure.CASES_RECOVERED), get(cur, Measure.CASES_CLOSED),
                    get(prev, Measure.CASES_RECOVERED), get(prev, Measure.CASES_CLOSED));
            Metric secondary = shareMetric(s, get(cur, Measure.RESURVEY_DETRACTORS), get(cur, Measure.RESURVEY_N),
                    get(prev, Measure.RESURVEY_DETRACTORS), get(prev, Measure.RESURVEY_N));
            Metric coverage = shareMetric(s, get(cur, Measure.ANSWERED), get(cur, Measure.ORDERS_COMPLETED),
                    get(prev, Measure.ANSWERED), get(prev, Measure.ORDERS_COMPLETED));
            Metric responseRate = shareMetric(s, get(cur, Measure.ANSWERED), get(cur, Measure.INVITED),
                    get(prev, Measure.ANSWERED), get(prev, Measure.INVITED));

            List<Warning> warnings = new ArrayList<>();
            if (!hideGrowth && d1 > 0 && g0 != null && g0 >= 50.0) {
                warnings.add(new Warning("DETRACTOR_GROWTH", null, null,
                        "Detractors grew " + g0 + " % week on week (" + d1 + " → " + d0 + ")",
                        (double) d0, (double) d1, g0, null));
            }
            List<String> dims = new ArrayList<>(List.of(RollupRepository.STORE, "REGION"));
            for (Attr a : Attr.ALL) {
                dims.add(a.name());
            }
            List<Warning> drops = new ArrayList<>();
            List<Warning> growths = new ArrayList<>();
            for (String dim : dims) {
                Map<String, long[]> now = idx.getOrDefault(w0, Map.of()).getOrDefault(dim, Map.of());
                Map<String, long[]> before = idx.getOrDefault(w1, Map.of()).getOrDefault(dim, Map.of());
                for (var e : now.entrySet()) {
                    long[] p = before.get(e.getKey());
                    if (p == null) {
                        continue;
                    }
                    NpsMath.Figures a = figures(e.getValue(), false);
                    NpsMath.Figures b = figures(p, false);
                    if (a.n() < NpsMath.MIN_PER_SIDE || b.n() < NpsMath.MIN_PER_SIDE) {
                        continue;
                    }
                    double z = NpsMath.z(a, b);
                    String label = e.getKey().isEmpty() ? "Not given"
                            : dim.equals(RollupRepository.STORE) ? storeLabel(s, e.getKey()) : e.getKey();
                    if (z < 0 && NpsMath.significant(z, a.n(), b.n())) {
                        drops.add(new Warning("NPS_DROP", dim, e.getKey(),
                                dim + " " + label + ": NPS fell from " + b.value() + " to " + a.value() + " (z = "
                                        + NpsMath.round(z, 2) + ")",
                                a.value(), b.value(), NpsMath.delta(a.value(), b.value()), NpsMath.round(z, 2)));
                    }
                    Double sg = NpsMath.growth(a.detractors(), b.detractors());
                    if (sg != null && sg >= 50.0) {
                        growths.add(new Warning("DETRACTOR_GROWTH", dim, e.getKey(),
                                dim + " " + label + ": detractors grew " + sg + " % (" + b.detractors() + " → "
                                        + a.detractors() + ")",
                                (double) a.detractors(), (double) b.detractors(), sg, null));
                    }
                }
            }
            drops.sort(Comparator.comparing(Warning::z).thenComparing(Warning::dimension).thenComparing(Warning::segment));
            growths.sort(Comparator.comparing(Warning::delta).reversed().thenComparing(Warning::dimension)
                    .thenComparing(Warning::segment));
            warnings.addAll(drops);
            warnings.addAll(growths);

            List<ReasonCount> reasons = new ArrayList<>();
            if (!hidden(s, d0)) {
                for (String r : EventApplier.REASONS) {
                    long c = get(cur, Measure.valueOf("REASON_" + r));
                    if (c > 0) {
                        reasons.add(new ReasonCount(r, c, NpsMath.share(c, d0)));
                    }
                }
                reasons.sort(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::reason));
            }
            return new Dashboard(w0, npsResult(s, cur, false), npsResult(s, cur, true),
                    hidden(s, fc.n()) ? null : NpsMath.share(get(cur, Measure.V_N), fc.n()),
                    overall, promoterShare, passiveShare, detractorShare, newNps, oldNps, maintenance, repair,
                    growth, firstContact, recoveryRate, secondary, warnings, reasons, coverage, responseRate);
        });
    }

    // ------------------------------------------------------------------ helpers

    private Uni<long[]> total(Scope s, LocalDate from, LocalDate to) {
        return repo.aggregate(from, to, s.selection(), Bucket.NONE, Set.of(RollupRepository.TOTAL)).map(aggs -> {
            long[] m = new long[Measure.COUNT];
            aggs.forEach(a -> add(m, a.m()));
            return m;
        });
    }

    private boolean hidden(Scope s, long n) {
        return s.caller().suppressedBelowKMin() && n < kMin;
    }

    static NpsMath.Figures figures(long[] m, boolean verified) {
        return verified
                ? NpsMath.figures(get(m, Measure.V_PROMOTERS), get(m, Measure.V_PASSIVES), get(m, Measure.V_DETRACTORS))
                : NpsMath.figures(get(m, Measure.PROMOTERS), get(m, Measure.PASSIVES), get(m, Measure.DETRACTORS));
    }

    NpsResult npsResult(Scope s, long[] m, boolean verified) {
        NpsMath.Figures f = figures(m, verified);
        if (hidden(s, f.n())) {
            return NpsResult.SUPPRESSED;
        }
        return new NpsResult(f.value(), f.n(), f.promoters(), f.passives(), f.detractors(), f.promoterShare(),
                f.passiveShare(), f.detractorShare(), f.marginOfError(), f.low(), f.high(), false);
    }

    private Metric npsMetric(Scope s, NpsMath.Figures a, NpsMath.Figures b) {
        Double v = hidden(s, a.n()) ? null : a.value();
        Double p = hidden(s, b.n()) ? null : b.value();
        Boolean sig = v == null || p == null ? null : NpsMath.significant(NpsMath.z(a, b), a.n(), b.n());
        return new Metric(v, p, NpsMath.delta(v, p), sig);
    }

    private Metric segmentMetric(Scope s, Map<String, Map<String, Map<String, long[]>>> idx, String w0, String w1,
                                 Attr attr, String value) {
        return npsMetric(s, figures(get(idx, w0, attr.name(), value), false), figures(get(idx, w1, attr.name(), value), false));
    }

    private Metric shareMetric(Scope s, long x1, long n1, long x2, long n2) {
        Double v = hidden(s, n1) ? null : NpsMath.share(x1, n1);
        Double p = hidden(s, n2) ? null : NpsMath.share(x2, n2);
        Boolean sig = v == null || p == null ? null
                : NpsMath.significant(NpsMath.proportionZ(x1, n1, x2, n2), n1, n2);
        return new Metric(v, p, NpsMath.delta(v, p), sig);
    }

    private Metric meanMetric(Scope s, long n1, long sum1, long sq1, long n2, long sum2, long sq2) {
        Double v = hidden(s, n1) ? null : NpsMath.mean(sum1, n1);
        Double p = hidden(s, n2) ? null : NpsMath.mean(sum2, n2);
        Boolean sig = v == null || p == null ? null
                : NpsMath.significant(NpsMath.meanZ(n1, sum1, sq1, n2, sum2, sq2), n1, n2);
        return new Metric(v, p, NpsMath.delta(v, p), sig);
    }

    private static long[] get(Map<String, Map<String, Map<String, long[]>>> idx, String week, String grouping, String value) {
        return idx.getOrDefault(week, Map.of()).getOrDefault(grouping, Map.of()).getOrDefault(value, new long[Measure.COUNT]);
    }

    static long get(long[] m, Measure measure) {
        return m[measure.ordinal()];
    }

    private static void add(long[] acc, long[] v) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += v[i];
        }
    }

    private static String regionOf(Scope s, String store) {
        String r = s.storeRegions().get(store);
        return r == null ? "" : r;
    }

    public static String weekLabel(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    static List<String> periods(Granularity g, LocalDate from, LocalDate to) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(switch (g) {
                case DAY -> d.toString();
                case WEEK -> weekLabel(d);
                case MONTH -> d.toString().substring(0, 7);
            });
        }
        return new ArrayList<>(out);
    }
}
