package io.npsloop.analytics.topic;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.problem.ProblemException;
import io.npsloop.analytics.query.QueryParams;
import io.npsloop.analytics.rollup.Attr;
import io.npsloop.analytics.rollup.Measure;
import io.npsloop.analytics.rollup.RollupRepository;
import io.npsloop.analytics.security.Caller;
import io.npsloop.analytics.topic.TopicDtos.*;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Topic figures from topic_rollup (mentions) and the service's rollups (all responses of the same filter). */
@ApplicationScoped
public class TopicService {

    private final Pool pool;
    private final RollupRepository rollups;
    private final TopicClassifier classifier;
    private final TopicsConfig config;
    private final int kMin;

    TopicService(Pool pool, RollupRepository rollups, TopicClassifier classifier, TopicsConfig config,
                 AnalyticsConfig analytics) {
        this.pool = pool;
        this.rollups = rollups;
        this.classifier = classifier;
        this.config = config;
        this.kMin = analytics.kMin();
    }

    /** The stores a caller may see with these filters (null = all). */
    public Uni<List<String>> stores(Caller caller, QueryParams.Filters f) {
        return rollups.storeRegions().map(regions -> caller.effectiveStores(f.storeIds(), f.regionIds(), regions));
    }

    public Uni<Topics> topics(Caller caller, QueryParams.Filters f, LocalDate from, LocalDate to) {
        return stores(caller, f).chain(stores -> {
            RollupRepository.Selection sel = new RollupRepository.Selection(stores, f.attrs());
            Uni<long[]> total = rollups.aggregate(from, to, sel, RollupRepository.Bucket.NONE, Set.of(RollupRepository.TOTAL))
                    .map(aggs -> aggs.isEmpty() ? new long[Measure.COUNT] : aggs.get(0).m());
            Uni<Map<String, long[]>> counts = counts(from, to, stores, f.attrs());
            Uni<Map<String, List<String>>> keywords = keywords(from, to, stores);
            return Uni.combine().all().unis(total, counts, keywords).asTuple().map(t -> build(caller, t.getItem1(),
                    t.getItem2(), t.getItem3()));
        });
    }

    Topics build(Caller caller, long[] total, Map<String, long[]> counts, Map<String, List<String>> keywords) {
        long tp = total[Measure.PROMOTERS.ordinal()], tn = total[Measure.PASSIVES.ordinal()],
                td = total[Measure.DETRACTORS.ordinal()];
        NpsMath.Figures all = NpsMath.figures(tp, tn, td);
        boolean hideSmall = caller.suppressedBelowKMin();
        List<TopicStat> out = new ArrayList<>();
        List<String> topics = new ArrayList<>(classifier.taxonomy().topics());
        counts.keySet().stream().filter(t -> !topics.contains(t)).forEach(topics::add); // topics since removed from config
        for (String topic : topics) {
            long[] c = counts.getOrDefault(topic, new long[3]);
            NpsMath.Figures with = NpsMath.figures(c[0], c[1], c[2]);
            NpsMath.Figures without = NpsMath.figures(tp - c[0], tn - c[1], td - c[2]);
            if (hideSmall && (with.n() < kMin || without.n() < kMin)) {
                out.add(new TopicStat(topic, null, null, null, null, null, null, null, null, null, null, List.of(), true));
                continue;
            }
            // impact as issue 12 defines it; weightedImpact = what the topic moves the filtered NPS (ranks pain points)
            Double impact = with.empty() || without.empty() ? null : NpsMath.round1(with.nps() - without.nps());
            Double weighted = all.empty() || without.empty() ? null : NpsMath.round1(all.nps() - without.nps());
            double z = NpsMath.z(with, without);
            Double zOut = Double.isNaN(z) || Double.isInfinite(z) ? null : NpsMath.round(z, 2);
            out.add(new TopicStat(topic, with.n(), c[0], c[1], c[2], with.value(), without.value(), impact, weighted, zOut,
                    with.empty() || without.empty() ? null : NpsMath.significant(z, with.n(), without.n()),
                    keywords.getOrDefault(topic, List.of()), false));
        }
        // pain points first: most negative weightedImpact, then most mentioned; topics without figures last
        out.sort(Comparator.comparing((TopicStat s) -> s.weightedImpact() == null ? Double.POSITIVE_INFINITY : s.weightedImpact())
                .thenComparing(s -> s.mentions() == null ? 0 : -s.mentions()).thenComparing(TopicStat::topic));
        boolean hideAll = hideSmall && all.n() < kMin;
        return new Topics(hideAll ? null : all.n(), hideAll ? null : all.value(), out);
    }

    /** topic -> {promoters, passives, detractors} of the responses mentioning it. */
    Uni<Map<String, long[]>> counts(LocalDate from, LocalDate to, List<String> stores, Map<Attr, List<String>> attrs) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String where = where(stores, attrs, params);
        return pool.preparedQuery("SELECT topic, sum(promoters)::bigint, sum(passives)::bigint, sum(detractors)::bigint "
                        + "FROM topic_rollup WHERE day BETWEEN $1 AND $2" + where + " GROUP BY topic")
                .execute(Tuple.from(params)).map(rs -> {
                    Map<String, long[]> m = new HashMap<>();
                    for (Row r : rs) {
                        m.put(r.getString(0), new long[]{r.getLong(1), r.getLong(2), r.getLong(3)});
                    }
                    return m;
                });
    }

    /** The most frequent cue words per topic (per day and store; attribute filters do not narrow them). */
    Uni<Map<String, List<String>>> keywords(LocalDate from, LocalDate to, List<String> stores) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String where = where(stores, Map.of(), params);
        return pool.preparedQuery("SELECT topic, keyword, sum(mentions) AS m FROM topic_keyword WHERE day BETWEEN $1 AND $2"
                        + where + " GROUP BY topic, keyword ORDER BY topic, m DESC, keyword")
                .execute(Tuple.from(params)).map(rs -> {
                    Map<String, List<String>> m = new HashMap<>();
                    for (Row r : rs) {
                        List<String> l = m.computeIfAbsent(r.getString(0), k -> new ArrayList<>());
                        if (l.size() < config.keywordsPerTopic()) {
                            l.add(r.getString(1));
                        }
                    }
                    return m;
                });
    }

    public Uni<Samples> samples(Caller caller, QueryParams.Filters f, String topic, LocalDate from, LocalDate to, int limit) {
        if (!classifier.taxonomy().terms().containsKey(topic)) {
            return Uni.createFrom().failure(ProblemException.notFound("no topic " + topic));
        }
        if (!samplesAllowed(caller)) {
            return Uni.createFrom().failure(ProblemException.forbidden(
                    "sample comments are shown to store managers and above"));
        }
        return stores(caller, f).chain(stores -> counts(from, to, stores, f.attrs()).chain(counts -> {
            long[] c = counts.getOrDefault(topic, new long[3]);
            long mentions = c[0] + c[1] + c[2];
            if (mentions < kMin) {
                return Uni.createFrom().item(new Samples(topic, mentions, true,
                        "fewer than " + kMin + " responses mention this topic in the selection (k-min)", List.of(), null));
            }
            List<Object> params = new ArrayList<>(List.of(from, to));
            String where = where(stores, f.attrs(), params);
            params.add(topic);
            int tp = params.size();
            params.add(Math.min(limit, config.maxSamples()));
            return pool.preparedQuery("SELECT response_id, day, store_id, score, topics, comment FROM topic_comment "
                            + "WHERE day BETWEEN $1 AND $2" + where + " AND $" + tp + " = ANY(topics) "
                            + "ORDER BY day DESC, response_id LIMIT $" + (tp + 1))
                    .execute(Tuple.from(params)).map(rs -> {
                        List<Sample> items = new ArrayList<>();
                        for (Row r : rs) {
                            items.add(new Sample(r.getString(0), r.getLocalDate(1).toString(), r.getString(2),
                                    r.getInteger(3), List.of(r.getArrayOfStrings(4)), r.getString(5)));
                        }
                        return new Samples(topic, mentions, false, null, items, null);
                    });
        }));
    }

    /** STORE_MANAGER and every store role above it, REGION_MANAGER and HQ_ANALYST; not SERVICE_ADVISOR, not machines. */
    static boolean samplesAllowed(Caller c) {
        return c.roles().contains("HQ_ANALYST") || c.roles().contains("REGION_MANAGER")
                || c.roles().stream().anyMatch(r -> Caller.STORE_ROLES.contains(r) && !r.equals("SERVICE_ADVISOR"));
    }

    static String where(List<String> stores, Map<Attr, List<String>> attrs, List<Object> params) {
        StringBuilder sb = new StringBuilder();
        if (stores != null) {
            params.add(stores.toArray(new String[0]));
            sb.append(" AND store_id = ANY($").append(params.size()).append(")");
        }
        attrs.forEach((a, vals) -> {
            params.add(vals.toArray(new String[0]));
            sb.append(" AND ").append(a.column()).append(" = ANY($").append(params.size()).append(")");
        });
        return sb.toString();
    }
}
