package io.npsloop.analytics.coverage;

import io.npsloop.analytics.feed.EventData;
import io.npsloop.analytics.feed.EventData.Field;
import io.npsloop.analytics.feed.FeedEvent;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.rollup.Hashes;
import io.npsloop.analytics.rollup.Key;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps {@code coverage_week} inside the feed transaction (called by the EventApplier next to the topic recorder):
 * completed orders by week of {@code closedAt}, responses new in this batch by week of {@code answeredAt} (answered =
 * with an invitation, as the dashboard's coverage), per store and advisor. One upsert per batch.
 */
@ApplicationScoped
public class CoverageRecorder {

    record Row(LocalDate week, String store, String advisor) {
        @Override
        public int hashCode() { // see Hashes: S001…/A1… with consecutive weeks collide under the record's own hash
            return Hashes.finish(Hashes.add(Hashes.add(Hashes.start(week), store), advisor));
        }
    }

    private final CoverageConfig config;

    CoverageRecorder(CoverageConfig config) {
        this.config = config;
    }

    /**
     * @param fresh ids of the responses inserted by this batch (a re-sent response counts once)
     * @param keyOf the rollup key of an order's or response's data (the applier's own: its day is of closedAt or
     *              answeredAt in the chain's zone, worked out once per event)
     */
    public Uni<Void> record(SqlClient tx, List<FeedEvent> events, Set<String> fresh, Function<EventData, Key> keyOf) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Map<Row, long[]> rows = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (FeedEvent e : events) {
            EventData d = e.data();
            if ("OrderCompleted".equals(e.type())) {
                rows.computeIfAbsent(row(d, keyOf.apply(d)), r -> new long[5])[0]++;
            } else if ("ResponseSubmitted".equals(e.type())) {
                String id = d.asText(Field.RESPONSE_ID);
                if (!fresh.contains(id) || !seen.add(id)) {
                    continue;
                }
                long[] m = rows.computeIfAbsent(row(d, keyOf.apply(d)), r -> new long[5]);
                if (d.hasNonNull(Field.INVITATION_ID)) {
                    m[1]++;
                }
                char c = NpsMath.category(d.asInt(Field.SCORE));
                m[c == 'P' ? 2 : c == 'N' ? 3 : 4]++;
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        LocalDate[] weeks = new LocalDate[n];
        String[] stores = new String[n];
        String[] advisors = new String[n];
        Long[][] m = new Long[5][n];
        int i = 0;
        for (var r : rows.entrySet()) {
            weeks[i] = r.getKey().week();
            stores[i] = r.getKey().store();
            advisors[i] = r.getKey().advisor();
            for (int k = 0; k < 5; k++) {
                m[k][i] = r.getValue()[k];
            }
            i++;
        }
        return tx.preparedQuery("INSERT INTO coverage_week (week, store_id, advisor_id, orders, answered, promoters, passives, "
                        + "detractors) SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::int8[], $5::int8[], "
                        + "$6::int8[], $7::int8[], $8::int8[]) ON CONFLICT (week, store_id, advisor_id) DO UPDATE SET "
                        + "orders = coverage_week.orders + EXCLUDED.orders, answered = coverage_week.answered + EXCLUDED.answered, "
                        + "promoters = coverage_week.promoters + EXCLUDED.promoters, "
                        + "passives = coverage_week.passives + EXCLUDED.passives, "
                        + "detractors = coverage_week.detractors + EXCLUDED.detractors")
                .execute(Tuple.from(new Object[]{weeks, stores, advisors, m[0], m[1], m[2], m[3], m[4]}))
                .replaceWithVoid();
    }

    /** Events were validated by the applier (store and instants present); a missing advisor is ''. */
    private static Row row(EventData d, Key k) {
        return new Row(k.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), k.storeId(),
                d.isTextual(Field.ADVISOR_ID) ? d.asText(Field.ADVISOR_ID) : "");
    }
}
