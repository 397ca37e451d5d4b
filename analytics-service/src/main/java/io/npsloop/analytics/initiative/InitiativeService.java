package io.npsloop.analytics.initiative;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.initiative.InitiativeDtos.*;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.analytics.query.Dtos.NpsResult;
import io.npsloop.analytics.rollup.Measure;
import io.npsloop.analytics.rollup.RollupRepository;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Initiatives: logging them, and their effect on NPS from the daily store rollups (never raw responses). */
@ApplicationScoped
public class InitiativeService {

    static final String COLS = "id, name, category, store_ids, start_date, end_date, cost_cents, created_by, created_at";

    private final Pool pool;
    private final RollupRepository rollups;
    private final InitiativesConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final int kMin;

    InitiativeService(Pool pool, RollupRepository rollups, InitiativesConfig config, Clock clock, AnalyticsConfig analytics) {
        this.pool = pool;
        this.rollups = rollups;
        this.config = config;
        this.clock = clock;
        this.zone = analytics.zone();
        this.kMin = analytics.kMin();
    }

    // ------------------------------------------------------------------ create

    public Uni<Initiative> create(Caller caller, InitiativeRequest req) {
        if (!mayCreate(caller)) {
            return Uni.createFrom().failure(ProblemException.forbidden("initiatives are logged by store managers and above"));
        }
        if (req == null) {
            return Uni.createFrom().failure(ProblemException.invalid("body", "is required"));
        }
        List<Problem.InvalidParam> bad = new ArrayList<>();
        if (req.name() == null || req.name().isBlank()) {
            bad.add(new Problem.InvalidParam("name", "is required"));
        } else if (req.name().length() > 200) {
            bad.add(new Problem.InvalidParam("name", "must be at most 200 characters"));
        }
        if (req.category() == null) {
            bad.add(new Problem.InvalidParam("category", "is required"));
        }
        List<String> stores = req.storeIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(req.storeIds()));
        if (stores.isEmpty()) {
            bad.add(new Problem.InvalidParam("storeIds", "must name at least one store"));
        } else if (stores.stream().anyMatch(s -> s == null || !s.matches("[A-Za-z0-9_.-]{1,64}"))) {
            bad.add(new Problem.InvalidParam("storeIds", "must be store ids"));
        }
        if (req.startDate() == null) {
            bad.add(new Problem.InvalidParam("startDate", "is required"));
        }
        if (req.startDate() != null && req.endDate() != null && req.endDate().isBefore(req.startDate())) {
            bad.add(new Problem.InvalidParam("endDate", "must not be before startDate"));
        }
        if (req.costCents() == null) {
            bad.add(new Problem.InvalidParam("costCents", "is required"));
        } else if (req.costCents() < 0) {
            bad.add(new Problem.InvalidParam("costCents", "must not be negative"));
        }
        boolean storesOk = bad.stream().noneMatch(p -> p.name().equals("storeIds"));
        Uni<Map<String, String>> known = storesOk ? knownStores(stores) : Uni.createFrom().item(Map.of());
        return known.chain(k -> {
            List<Problem.InvalidParam> all = new ArrayList<>(bad);
            if (storesOk) {
                List<String> unknown = stores.stream().filter(s -> !k.containsKey(s)).toList();
                if (!unknown.isEmpty()) {
                    all.add(new Problem.InvalidParam("storeIds", "unknown store(s): " + String.join(", ", unknown)));
                }
            }
            if (!all.isEmpty()) {
                all.sort(Comparator.comparing(Problem.InvalidParam::name));
                String detail = all.stream().map(p -> p.name() + " " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("");
                return Uni.createFrom().failure(new ProblemException(Problem.invalid(detail, all)));
            }
            for (String s : stores) {
                if (!inScope(caller, s, k.get(s))) {
                    return Uni.createFrom().failure(ProblemException.forbidden("storeId " + s + " is outside your scope"));
                }
            }
            Initiative i = new Initiative(UUID.randomUUID().toString(), req.name().strip(), req.category(), stores,
                    req.startDate(), req.endDate(), req.costCents(), caller.subject(),
                    OffsetDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.SECONDS).toString());
            Tuple row = Tuple.tuple().addValue(i.id()).addValue(i.name()).addValue(i.category().name())
                    .addValue(stores.toArray(new String[0])).addValue(i.startDate()).addValue(i.endDate())
                    .addValue(i.costCents()).addValue(i.createdBy()).addValue(OffsetDateTime.parse(i.createdAt()));
            return pool.preparedQuery("INSERT INTO initiative (" + COLS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                    .execute(row)
                    .replaceWith(i);
        });
    }

    static boolean mayCreate(Caller c) {
        return c.roles().contains("HQ_ANALYST") || c.roles().contains("REGION_MANAGER")
                || c.roles().stream().anyMatch(r -> Caller.STORE_ROLES.contains(r) && !r.equals("SERVICE_ADVISOR"));
    }

    static boolean inScope(Caller c, String store, String region) {
        if (c.roles().contains("HQ_ANALYST")) {
            return true;
        }
        if (c.roles().contains("REGION_MANAGER") && region != null && c.regions().contains(region)) {
            return true;
        }
        return c.stores().contains(store)
                && c.roles().stream().anyMatch(r -> Caller.STORE_ROLES.contains(r) && !r.equals("SERVICE_ADVISOR"));
    }

    /** Stores announced by StoreUpserted (status set), with their region. */
    Uni<Map<String, String>> knownStores(List<String> ids) {
        return pool.preparedQuery("SELECT store_id, region_id FROM store_dim WHERE store_id = ANY($1) AND status IS NOT NULL")
                .execute(Tuple.of(ids.toArray(new String[0]))).map(rs -> {
                    Map<String, String> m = new java.util.HashMap<>();
                    for (Row r : rs) {
                        m.put(r.getString(0), r.getString(1));
                    }
                    return m;
                });
    }

    // ------------------------------------------------------------------ read

    public Uni<Initiative> get(Caller caller, String id) {
        return pool.preparedQuery("SELECT " + COLS + " FROM initiative WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> {
                    if (rs.rowCount() == 0) {
                        throw ProblemException.notFound("no initiative " + id);
                    }
                    return row(rs.iterator().next());
                })
                .chain(i -> rollups.storeRegions().map(regions -> {
                    caller.effectiveStores(i.storeIds(), List.of(), regions); // 403 when a store is outside the scope
                    return i;
                }));
    }

    public Uni<Page<Ranked>> list(Caller caller, List<String> storeIds, Category category) {
        return rollups.storeRegions().chain(regions -> {
            caller.effectiveStores(storeIds, List.of(), regions); // 403 for a filter outside the scope
            List<String> scope = caller.effectiveStores(List.of(), List.of(), regions);
            return pool.query("SELECT " + COLS + " FROM initiative ORDER BY start_date, id").execute().map(rs -> {
                List<Initiative> out = new ArrayList<>();
                for (Row r : rs) {
                    Initiative i = row(r);
                    boolean visible = (scope == null || scope.containsAll(i.storeIds()))
                            && (storeIds.isEmpty() || i.storeIds().stream().anyMatch(storeIds::contains));
                    if (visible && (category == null || i.category() == category)) {
                        out.add(i);
                    }
                }
                return out;
            });
        }).chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().item(new Page<Ranked>(List.of(), null));
            }
            List<Uni<Ranked>> unis = list.stream().map(i -> effect(caller, i).map(e -> new Ranked(i, e.lift(),
                    e.intervalLow(), e.intervalHigh(), e.significant(), e.costPerPoint(), e.costPerPointReason(),
                    e.liftHeld()))).toList();
            return Uni.join().all(unis).andFailFast().map(ranked -> {
                List<Ranked> sorted = new ArrayList<>(ranked);
                sorted.sort(Comparator.comparing((Ranked r) -> r.costPerPoint() == null ? Long.MAX_VALUE : r.costPerPoint())
                        .thenComparing(r -> r.lift() == null ? Double.POSITIVE_INFINITY : -r.lift())
                        .thenComparing(r -> r.initiative().id()));
                return new Page<>(sorted, null);
            });
        });
    }

    private static Initiative row(Row r) {
        return new Initiative(r.getString(0), r.getString(1), Category.valueOf(r.getString(2)),
                List.of(r.getArrayOfStrings(3)), r.getLocalDate(4), r.getLocalDate(5), r.getLong(6), r.getString(7),
                r.getOffsetDateTime(8).toString());
    }

    // ------------------------------------------------------------------ effect

    public Uni<Effect> effect(Caller caller, String id) {
        return get(caller, id).chain(i -> effect(caller, i));
    }

    Uni<Effect> effect(Caller caller, Initiative i) {
        int w = config.windowDays();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate bFrom = i.startDate().minusDays(w), bTo = i.startDate().minusDays(1);
        LocalDate aFrom = i.startDate(), aTo = i.startDate().plusDays(w - 1L);
        boolean ended = i.endDate() != null && !i.endDate().isAfter(today.minusDays(1));
        LocalDate pFrom = ended ? i.endDate().plusDays(1) : null, pTo = ended ? i.endDate().plusDays(w) : null;
        LocalDate last = ended && pTo.isAfter(aTo) ? pTo : aTo;
        return controls(i, bFrom, last).chain(controls -> {
            Uni<long[]> tb = sums(i.storeIds(), bFrom, bTo), ta = sums(i.storeIds(), aFrom, aTo);
            Uni<long[]> cb = sums(controls, bFrom, bTo), ca = sums(controls, aFrom, aTo);
            Uni<long[]> tp = ended ? sums(i.storeIds(), pFrom, pTo) : Uni.createFrom().item(new long[Measure.COUNT]);
            Uni<long[]> cp = ended ? sums(controls, pFrom, pTo) : Uni.createFrom().item(new long[Measure.COUNT]);
            return Uni.combine().all().unis(tb, ta, cb, ca, tp, cp).asTuple().map(t -> {
                NpsMath.Figures ftb = fig(t.getItem1()), fta = fig(t.getItem2()), fcb = fig(t.getItem3()),
                        fca = fig(t.getItem4()), ftp = fig(t.getItem5()), fcp = fig(t.getItem6());
                DiD lift = DiD.of(ftb, fta, fcb, fca);
                Long cpp = null;
                String reason = null;
                if (controls.isEmpty()) {
                    reason = "NO_CONTROL_STORES: every other store had an initiative in these windows";
                } else if (lift == null || !lift.enoughData()) {
                    reason = "TOO_FEW_RESPONSES: fewer than " + NpsMath.MIN_PER_SIDE + " responses in a window";
                } else if (!lift.significant()) {
                    reason = "LIFT_NOT_SIGNIFICANT: the 95 % interval of the lift includes 0";
                } else if (lift.lift() <= 0) {
                    reason = "LIFT_NOT_POSITIVE: NPS did not rise against the control stores";
                } else {
                    cpp = Math.round(i.costCents() / lift.lift());
                }
                Window before = window(caller, bFrom, bTo, today, ftb, fcb);
                Window after = window(caller, aFrom, aTo, today, fta, fca);
                Window afterEnd = ended ? window(caller, pFrom, pTo, today, ftp, fcp) : null;
                DiD post = ended ? DiD.of(ftb, ftp, fcb, fcp) : null;
                DiD fall = ended ? DiD.of(fta, ftp, fca, fcp) : null;
                Boolean held = fall == null || !fall.enoughData() ? null
                        : !(fall.significant() && fall.lift() < 0);
                return new Effect(i, w, controls.size(), before, after, afterEnd,
                        r(lift == null ? null : lift.lift()), r(lift == null ? null : lift.se()),
                        r(lift == null ? null : lift.low()), r(lift == null ? null : lift.high()),
                        lift == null || Double.isInfinite(lift.z()) ? null : NpsMath.round(lift.z(), 2),
                        lift != null && lift.significant(), cpp, reason,
                        r(post == null ? null : post.lift()), r(post == null ? null : post.low()),
                        r(post == null ? null : post.high()), r(fall == null ? null : fall.lift()),
                        fall == null || Double.isInfinite(fall.z()) ? null : NpsMath.round(fall.z(), 2), held);
            });
        });
    }

    /** Every known store without this or any other initiative active during [from, to]. */
    Uni<List<String>> controls(Initiative i, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT store_id FROM store_dim WHERE NOT (store_id = ANY($1)) AND store_id NOT IN ("
                        + "SELECT unnest(store_ids) FROM initiative WHERE id <> $2 AND start_date <= $4 "
                        + "AND (end_date IS NULL OR end_date >= $3)) ORDER BY store_id")
                .execute(Tuple.of(i.storeIds().toArray(new String[0]), i.id(), from, to)).map(rs -> {
                    List<String> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getString(0)));
                    return out;
                });
    }

    Uni<long[]> sums(List<String> stores, LocalDate from, LocalDate to) {
        if (stores.isEmpty()) {
            return Uni.createFrom().item(new long[Measure.COUNT]);
        }
        return rollups.aggregate(from, to, new RollupRepository.Selection(stores, Map.of()), RollupRepository.Bucket.NONE,
                Set.of(RollupRepository.TOTAL)).map(a -> a.isEmpty() ? new long[Measure.COUNT] : a.get(0).m());
    }

    private Window window(Caller caller, LocalDate from, LocalDate to, LocalDate today, NpsMath.Figures t, NpsMath.Figures c) {
        return new Window(from, to, to.isBefore(today), result(caller, t), result(caller, c));
    }

    NpsResult result(Caller caller, NpsMath.Figures f) {
        if (caller.suppressedBelowKMin() && f.n() < kMin) {
            return NpsResult.SUPPRESSED;
        }
        return new NpsResult(f.value(), f.n(), f.promoters(), f.passives(), f.detractors(), f.promoterShare(),
                f.passiveShare(), f.detractorShare(), f.marginOfError(), f.low(), f.high(), false);
    }

    static NpsMath.Figures fig(long[] m) {
        return NpsMath.figures(m[Measure.PROMOTERS.ordinal()], m[Measure.PASSIVES.ordinal()], m[Measure.DETRACTORS.ordinal()]);
    }

    private static Double r(Double x) {
        return x == null || x.isNaN() || x.isInfinite() ? null : NpsMath.round1(x);
    }

    static Set<String> set(List<String> l) {
        return new HashSet<>(l);
    }
}
