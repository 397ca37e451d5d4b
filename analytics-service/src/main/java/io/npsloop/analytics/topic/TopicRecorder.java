package io.npsloop.analytics.topic;

import io.npsloop.analytics.feed.EventData;
import io.npsloop.analytics.feed.EventData.Field;
import io.npsloop.analytics.feed.FeedEvent;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.rollup.Attr;
import io.npsloop.analytics.rollup.Codes;
import io.npsloop.analytics.rollup.Key;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The topic side of applying a feed batch, in two steps. {@link #classify} runs HanLP over the page's comments on a
 * worker thread BEFORE the page's transaction starts (CPU-bound work neither blocks the event loop nor holds a
 * connection). {@link #record}, called by the feed's EventApplier inside its transaction after the response facts
 * are inserted, counts the responses that are new in this batch (a re-sent event is not in {@code fresh}, so it
 * counts once) and upserts topic rollups, keyword counts and samples with one statement each.
 */
@ApplicationScoped
public class TopicRecorder {

    static final String ATTR_COLS = Arrays.stream(Attr.ALL).map(Attr::column).collect(Collectors.joining(", "));

    record TopicKey(Key key, String topic) {
    }

    record KeywordKey(LocalDate day, String storeId, String topic, String keyword) {
    }

    /** Topics of a page's comments by response id, worked out before the page's transaction. */
    public record Classified(Map<String, TopicClassifier.Result> byResponse) {
        public static final Classified NONE = new Classified(Map.of());
    }

    private final TopicClassifier classifier;
    private final TopicsConfig config;
    private final Clock clock;
    private final ZoneId zone;
    private final Vertx vertx;
    private final Timer classifyTimer;
    private final Timer writeTimer;
    /** Short stock comments ("挺好的", "很满意") repeat a lot: classify each distinct text once (LRU, bounded). */
    private final Map<String, TopicClassifier.Result> cache;

    TopicRecorder(TopicClassifier classifier, TopicsConfig config, Clock clock,
                  io.npsloop.analytics.config.AnalyticsConfig analytics, Vertx vertx, MeterRegistry registry) {
        this.classifier = classifier;
        this.config = config;
        this.clock = clock;
        this.zone = analytics.zone();
        this.vertx = vertx;
        this.classifyTimer = registry.timer("npsloop.topics.classify");
        this.writeTimer = registry.timer("npsloop.topics.write");
        int size = config.cacheSize();
        this.cache = size <= 0 ? null : Collections.synchronizedMap(new LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TopicClassifier.Result> eldest) {
                return size() > size;
            }
        });
    }

    /**
     * Classifies the comments of a page's ResponseSubmitted events on a Vert.x worker thread (unordered); the
     * answer comes back on the caller's context, so the transaction that follows runs on the event loop as usual.
     */
    public Uni<Classified> classify(List<FeedEvent> events) {
        if (!config.enabled() || events.stream().noneMatch(e -> comment(e) != null)) {
            return Uni.createFrom().item(Classified.NONE);
        }
        return vertx.executeBlocking(() -> classifyNow(events), false);
    }

    /** The blocking part of {@link #classify}: never call it on an event-loop thread. */
    Classified classifyNow(List<FeedEvent> events) {
        long start = System.nanoTime();
        Map<String, TopicClassifier.Result> out = new HashMap<>();
        for (FeedEvent e : events) {
            String text = comment(e);
            if (text != null) {
                out.putIfAbsent(e.data().asText(Field.RESPONSE_ID), classifyText(text));
            }
        }
        classifyTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Classified(out);
    }

    private TopicClassifier.Result classifyText(String text) {
        if (cache == null) {
            return classifier.classify(text);
        }
        TopicClassifier.Result r = cache.get(text);
        if (r == null) {
            r = classifier.classify(text);
            cache.put(text, r);
        }
        return r;
    }

    private static String comment(FeedEvent e) {
        if (!"ResponseSubmitted".equals(e.type()) || !e.data().isTextual(Field.COMMENT)) {
            return null;
        }
        String c = e.data().asText(Field.COMMENT);
        return c.isBlank() ? null : c;
    }

    /** As {@link #record(SqlClient, List, Set, Function, Classified)}, classifying inline (tests, small batches). */
    public Uni<Void> record(SqlClient tx, List<FeedEvent> events, Set<String> fresh, Function<EventData, Key> keyOf) {
        return record(tx, events, fresh, keyOf, Classified.NONE);
    }

    /**
     * @param events the batch's valid events, in feed order
     * @param fresh  ids of the responses inserted by this batch (not yet seen before)
     * @param keyOf  the rollup key of a ResponseSubmitted's data (the applier's own, so both rollups agree)
     * @param pre    the page's comments classified by {@link #classify}; a missing one is classified here
     */
    public Uni<Void> record(SqlClient tx, List<FeedEvent> events, Set<String> fresh, Function<EventData, Key> keyOf,
                            Classified pre) {
        if (!config.enabled() || fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<TopicKey, long[]> counts = new LinkedHashMap<>();
        Map<KeywordKey, long[]> keywords = new HashMap<>();
        List<Object[]> samples = new ArrayList<>();
        LocalDate keepFrom = LocalDate.now(clock.withZone(zone)).minusDays(config.sampleRetention().toDays());
        Set<String> seen = new HashSet<>();
        for (FeedEvent e : events) {
            if (!"ResponseSubmitted".equals(e.type())) {
                continue;
            }
            EventData d = e.data();
            String id = d.asText(Field.RESPONSE_ID);
            if (!fresh.contains(id) || !seen.add(id)) {
                continue;
            }
            String comment = comment(e);
            if (comment == null) {
                continue;
            }
            TopicClassifier.Result r = pre.byResponse().get(id);
            if (r == null) {
                r = classifyText(comment);
            }
            if (r.keywords().isEmpty()) {
                continue;
            }
            Key k = keyOf.apply(d);
            int score = d.asInt(Field.SCORE);
            int cat = switch (NpsMath.category(score)) {
                case 'P' -> 0;
                case 'N' -> 1;
                default -> 2;
            };
            r.keywords().forEach((topic, kw) -> {
                counts.computeIfAbsent(new TopicKey(k, topic), x -> new long[3])[cat]++;
                keywords.computeIfAbsent(new KeywordKey(k.day(), k.storeId(), topic, kw), x -> new long[1])[0]++;
            });
            if (!k.day().isBefore(keepFrom)) {
                String text = comment;
                if (text.length() > config.maxCommentLength()) {
                    text = text.substring(0, config.maxCommentLength());
                }
                samples.add(new Object[]{id, k, (short) score, r.topics().toArray(new String[0]), text});
            }
        }
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long start = System.nanoTime();
        return writeCounts(tx, counts).chain(() -> writeKeywords(tx, keywords)).chain(() -> writeSamples(tx, samples))
                .invoke(() -> writeTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    private Uni<Void> writeCounts(SqlClient tx, Map<TopicKey, long[]> counts) {
        int n = counts.size();
        LocalDate[] days = new LocalDate[n];
        String[] stores = new String[n];
        Codes codes = new Codes(); // the attribute columns as codes, as in the rollup upserts (rollup/Codes)
        Short[][] attrs = new Short[Attr.COUNT][n];
        String[] topics = new String[n];
        Long[][] c = new Long[3][n];
        int i = 0;
        for (var e : counts.entrySet()) {
            Key k = e.getKey().key();
            days[i] = k.day();
            stores[i] = k.storeId();
            for (int a = 0; a < Attr.COUNT; a++) {
                attrs[a][i] = codes.code(k.attrs().get(a));
            }
            topics[i] = e.getKey().topic();
            for (int m = 0; m < 3; m++) {
                c[m][i] = e.getValue()[m];
            }
            i++;
        }
        List<Object> params = new ArrayList<>(List.of(codes.dictionary(), days, stores));
        params.addAll(Arrays.asList(attrs));
        params.add(topics);
        params.addAll(Arrays.asList(c));
        int p = 4 + Attr.COUNT;
        String sql = "INSERT INTO topic_rollup (day, store_id, " + ATTR_COLS + ", topic, promoters, passives, detractors) "
                + "SELECT u.day, u.store_id, " + Codes.attrLookups(1) + ", u.topic, u.p, u.n, u.d FROM unnest($2::date[], "
                + "$3::text[], " + Codes.attrParams(4) + ", $" + p + "::text[], $" + (p + 1) + "::int8[], $" + (p + 2)
                + "::int8[], $" + (p + 3) + "::int8[]) AS u(day, store_id, " + Codes.attrAliases() + ", topic, p, n, d) "
                + "ON CONFLICT (day, store_id, topic, " + ATTR_COLS + ") DO UPDATE SET "
                + "promoters = topic_rollup.promoters + EXCLUDED.promoters, passives = topic_rollup.passives + EXCLUDED.passives, "
                + "detractors = topic_rollup.detractors + EXCLUDED.detractors";
        return tx.preparedQuery(sql).execute(Tuple.from(params)).replaceWithVoid();
    }

    private Uni<Void> writeKeywords(SqlClient tx, Map<KeywordKey, long[]> keywords) {
        int n = keywords.size();
        LocalDate[] days = new LocalDate[n];
        String[] stores = new String[n];
        String[] topics = new String[n];
        String[] words = new String[n];
        Long[] counts = new Long[n];
        int i = 0;
        for (var e : keywords.entrySet()) {
            days[i] = e.getKey().day();
            stores[i] = e.getKey().storeId();
            topics[i] = e.getKey().topic();
            words[i] = e.getKey().keyword();
            counts[i] = e.getValue()[0];
            i++;
        }
        return tx.preparedQuery("INSERT INTO topic_keyword (day, store_id, topic, keyword, mentions) "
                        + "SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::int8[]) "
                        + "ON CONFLICT (day, store_id, topic, keyword) DO UPDATE SET mentions = topic_keyword.mentions + EXCLUDED.mentions")
                .execute(Tuple.of(days, stores, topics, words, counts)).replaceWithVoid();
    }

    private Uni<Void> writeSamples(SqlClient tx, List<Object[]> samples) {
        if (samples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = samples.size();
        String[] ids = new String[n];
        LocalDate[] days = new LocalDate[n];
        String[] stores = new String[n];
        Codes codes = new Codes();
        Short[][] attrs = new Short[Attr.COUNT][n];
        Short[] scores = new Short[n];
        String[] topics = new String[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            Object[] s = samples.get(i);
            Key k = (Key) s[1];
            ids[i] = (String) s[0];
            days[i] = k.day();
            stores[i] = k.storeId();
            for (int a = 0; a < Attr.COUNT; a++) {
                attrs[a][i] = codes.code(k.attrs().get(a));
            }
            scores[i] = (Short) s[2];
            topics[i] = String.join(",", (String[]) s[3]);
            texts[i] = (String) s[4];
        }
        List<Object> params = new ArrayList<>(List.of(codes.dictionary(), ids, days, stores));
        params.addAll(Arrays.asList(attrs));
        params.add(scores);
        params.add(topics);
        params.add(texts);
        int p = 5 + Attr.COUNT;
        String types = "$2::text[], $3::date[], $4::text[], " + Codes.attrParams(5) + ", $" + p + "::int2[], $" + (p + 1)
                + "::text[], $" + (p + 2) + "::text[]";
        String cols = "response_id, day, store_id, " + Codes.attrAliases() + ", score, topics_csv, comment";
        return tx.preparedQuery("INSERT INTO topic_comment (response_id, day, store_id, " + ATTR_COLS
                        + ", score, topics, comment) SELECT u.response_id, u.day, u.store_id, " + Codes.attrLookups(1)
                        + ", u.score, string_to_array(u.topics_csv, ','), u.comment FROM unnest(" + types + ") AS u(" + cols + ")"
                        + " ON CONFLICT (response_id) DO NOTHING")
                .execute(Tuple.from(params)).replaceWithVoid();
    }
}
