package io.npsloop.analytics.feed;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.feed.EventData.Field;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.rollup.Attr;
import io.npsloop.analytics.rollup.Codes;
import io.npsloop.analytics.rollup.Key;
import io.npsloop.analytics.rollup.Measure;
import io.npsloop.analytics.rollup.RollupBatch;
import io.npsloop.analytics.rollup.RollupRepository;
import io.npsloop.analytics.coverage.CoverageRecorder;
import io.npsloop.analytics.topic.TopicRecorder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a batch of feed events to the rollups inside the caller's transaction. Per-response, per-invitation,
 * per-case and per-reward rows are inserted first in bulk (their inserts' RETURNING makes a re-sent event count
 * once); then the events are folded in feed order into one {@link RollupBatch}, written with one upsert per table.
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    /** Types read for their effect. Everything else in a known feed is ignored on purpose, or unknown. */
    static final Set<String> SURVEY_TYPES = Set.of("StoreUpserted", "OrderCompleted", "InvitationCreated",
            "InvitationOpened", "ResponseSubmitted", "ResponseFlagged", "CaseOpened", "CaseStageCompleted", "CaseClosed");
    static final Set<String> SURVEY_IGNORED = Set.of("RegionUpserted", "InvitationSuppressed", "InvitationReminded",
            "InvitationExpired", "CaseEscalated", "CustomerErased");
    static final Set<String> REFERRAL_TYPES = Set.of("ReferralCodeIssued", "ReferralClicked", "ReferralBooked",
            "ReferralConverted", "RewardStateChanged");
    static final Set<String> REFERRAL_IGNORED = Set.of("ReferralCodeRevoked");

    private static final String ATTR_COLS = Arrays.stream(Attr.ALL).map(Attr::column).collect(Collectors.joining(", "));
    /** The attributes' fields in events, in {@link Attr} order. */
    private static final Field[] ATTR_FIELDS = Arrays.stream(Attr.ALL).map(a -> Field.of(a.param())).toArray(Field[]::new);
    /** Per rating of {@link EventData#RATINGS}: its n, x, x², xy, y, y² measures. */
    private static final Measure[][] RATING_MEASURES = {
            {Measure.R_SPEED_N, Measure.R_SPEED_X, Measure.R_SPEED_XX, Measure.R_SPEED_XY, Measure.R_SPEED_Y, Measure.R_SPEED_YY},
            {Measure.R_PROF_N, Measure.R_PROF_X, Measure.R_PROF_XX, Measure.R_PROF_XY, Measure.R_PROF_Y, Measure.R_PROF_YY},
            {Measure.R_TRANSP_N, Measure.R_TRANSP_X, Measure.R_TRANSP_XX, Measure.R_TRANSP_XY, Measure.R_TRANSP_Y, Measure.R_TRANSP_YY},
            {Measure.R_CARE_N, Measure.R_CARE_X, Measure.R_CARE_XX, Measure.R_CARE_XY, Measure.R_CARE_Y, Measure.R_CARE_YY}};
    public static final List<String> REASONS = List.of("WAIT_TIME", "PRICE", "REPAIR_QUALITY", "ATTITUDE",
            "TRANSPARENCY", "PROFESSIONALISM", "CLEANLINESS", "COMMUNICATION", "PARTS", "OTHER");
    /** What {@link #fold} answers when it only added to the batch (no statement to run). */
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    private static final Map<String, Measure> REASON_MEASURES = REASONS.stream()
            .collect(Collectors.toMap(r -> r, r -> Measure.valueOf("REASON_" + r)));

    /** What a batch did: per type counts of applied, skipped-unknown and rejected-invalid events. */
    public record Outcome(int applied, Map<String, Integer> unknown, Map<String, Integer> invalid) {
    }

    private final RollupRepository rollups;
    private final ZoneId zone;
    private final LocalDays localDays;
    private final TopicRecorder topics;
    private final CoverageRecorder coverage;

    EventApplier(RollupRepository rollups, AnalyticsConfig config, TopicRecorder topics, CoverageRecorder coverage) {
        this.rollups = rollups;
        this.zone = config.zone();
        this.localDays = new LocalDays(zone);
        this.topics = topics;
        this.coverage = coverage;
    }

    /** Work done on a page before its transaction: its comments' topics, off the event loop. */
    public Uni<TopicRecorder.Classified> prepare(List<FeedEvent> events) {
        return topics.classify(events);
    }

    public Uni<Outcome> apply(SqlClient tx, String source, List<FeedEvent> events) {
        return apply(tx, source, events, TopicRecorder.Classified.NONE);
    }

    public Uni<Outcome> apply(SqlClient tx, String source, List<FeedEvent> events, TopicRecorder.Classified classified) {
        boolean survey = source.equals("survey");
        Set<String> handled = survey ? SURVEY_TYPES : REFERRAL_TYPES;
        Set<String> ignored = survey ? SURVEY_IGNORED : REFERRAL_IGNORED;
        Map<String, Integer> unknown = new HashMap<>();
        Map<String, Integer> invalid = new HashMap<>();
        List<FeedEvent> work = new ArrayList<>();
        List<Object[]> facts = new ArrayList<>();
        List<Object[]> invitations = new ArrayList<>();
        Map<String, String> storeRegions = new HashMap<>();
        // the rollup key of each order, invitation and response, worked out once: the fold (workKeys, in step with
        // work), the topic and the coverage rollups (keys, by identity of the event's data) all read it
        List<Key> workKeys = new ArrayList<>();
        Map<EventData, Key> keys = new IdentityHashMap<>();
        for (FeedEvent e : events) {
            String type = e.type() == null ? "null" : e.type();
            if (!handled.contains(type)) {
                if (!ignored.contains(type)) {
                    unknown.merge(type, 1, Integer::sum);
                }
                continue;
            }
            try {
                EventData d = e.data();
                Key k = null;
                if (type.equals("ResponseSubmitted")) {
                    k = key(d, Field.ANSWERED_AT);
                    int score = score(d);
                    facts.add(new Object[]{text(d, Field.RESPONSE_ID), k, String.valueOf(NpsMath.category(score)),
                            d.size(Field.FLAGS) > 0});
                    if (d.hasNonNull(Field.REGION_ID)) {
                        storeRegions.putIfAbsent(k.storeId(), d.asText(Field.REGION_ID));
                    }
                } else if (type.equals("InvitationCreated")) {
                    k = key(d, Field.CREATED_AT);
                    invitations.add(new Object[]{text(d, Field.INVITATION_ID), k});
                } else if (type.equals("OrderCompleted")) {
                    k = key(d, Field.CLOSED_AT);
                } else {
                    validate(type, d);
                }
                work.add(e);
                workKeys.add(k);
                if (k != null) {
                    keys.put(d, k);
                }
            } catch (RuntimeException ex) {
                LOG.warnf("skipping malformed %s event seq %d (%s): %s", source, e.seq(), type, ex.getMessage());
                invalid.merge(type, 1, Integer::sum);
            }
        }
        RollupBatch batch = new RollupBatch();
        Set<String> freshResponses = new HashSet<>();
        Set<String> freshInvitations = new HashSet<>();
        return insertFacts(tx, facts, freshResponses)
                .chain(() -> topics.record(tx, work, freshResponses, keys::get, classified))
                .chain(() -> coverage.record(tx, work, freshResponses, keys::get))
                .chain(() -> insertInvitations(tx, invitations, freshInvitations))
                .chain(() -> insertStores(tx, storeRegions))
                .chain(() -> openInvitations(tx, work, batch))
                .chain(() -> flagResponses(tx, work, batch))
                .chain(() -> {
                    // Folding adds to the batch at once; only cases, stores and rewards answer a statement (lazy until
                    // subscribed), and those run one after the other in feed order. Sums commute, so only the
                    // statements' order matters.
                    List<Uni<Void>> statements = new ArrayList<>();
                    for (int i = 0; i < work.size(); i++) {
                        Uni<Void> u = fold(tx, work.get(i), workKeys.get(i), batch, freshResponses, freshInvitations);
                        if (u != DONE) {
                            statements.add(u);
                        }
                    }
                    return Multi.createFrom().iterable(statements).onItem().transformToUniAndConcatenate(u -> u)
                            .collect().last();
                })
                .chain(() -> rollups.write(tx, batch))
                .map(x -> new Outcome(work.size(), unknown, invalid));
    }

    // ------------------------------------------------------------------ fold one event into the batch

    /** @param eventKey the event's rollup key (orders, invitations, responses), null for other types */
    private Uni<Void> fold(SqlClient tx, FeedEvent e, Key eventKey, RollupBatch b, Set<String> freshResponses,
                           Set<String> freshInvitations) {
        EventData d = e.data();
        switch (e.type()) {
            case "ResponseSubmitted" -> {
                if (freshResponses.remove(text(d, Field.RESPONSE_ID))) {
                    response(d, eventKey, b);
                }
                return done();
            }
            case "OrderCompleted" -> {
                b.inc(eventKey, Measure.ORDERS_COMPLETED);
                return done();
            }
            case "InvitationCreated" -> {
                if (freshInvitations.remove(text(d, Field.INVITATION_ID))) {
                    b.inc(eventKey, Measure.INVITED);
                }
                return done();
            }
            case "InvitationOpened", "ResponseFlagged" -> {
                return done(); // applied in bulk before the fold: they depend only on rows inserted in bulk
            }
            case "CaseOpened" -> {
                LocalDate day = day(d, Field.OPENED_AT);
                String store = text(d, Field.STORE_ID);
                return tx.preparedQuery("INSERT INTO case_seg (case_id, day, store_id, " + ATTR_COLS + ") "
                                + "SELECT $1::text, $2::date, $3::text, " + ATTR_COLS + " FROM response_fact WHERE response_id = $4 "
                                + "UNION ALL SELECT $1::text, $2::date, $3::text, " + "'', ".repeat(Attr.COUNT - 1) + "'' "
                                + "WHERE NOT EXISTS (SELECT 1 FROM response_fact WHERE response_id = $4) "
                                + "ON CONFLICT (case_id) DO NOTHING RETURNING store_id, " + ATTR_COLS)
                        .execute(Tuple.of(text(d, Field.CASE_ID), day, store, d.hasNonNull(Field.RESPONSE_ID) ? d.asText(Field.RESPONSE_ID) : ""))
                        .invoke(rs -> forEachKey(rs, day, 0, k -> b.inc(k, Measure.CASES_OPENED))).replaceWithVoid();
            }
            case "CaseStageCompleted" -> {
                if (!"FIRST_CONTACT".equals(text(d, Field.STAGE))) {
                    return done();
                }
                long minutes = d.asLong(Field.MINUTES_SINCE_OPENED);
                return tx.preparedQuery("UPDATE case_seg SET first_contact = TRUE WHERE case_id = $1 AND NOT first_contact"
                                + " RETURNING day, store_id, " + ATTR_COLS)
                        .execute(Tuple.of(text(d, Field.CASE_ID)))
                        .invoke(rs -> {
                            for (Row r : rs) {
                                Key k = keyOf(r, r.getLocalDate(0), 1);
                                b.inc(k, Measure.FIRST_CONTACTS);
                                b.add(k, Measure.FC_MINUTES, minutes);
                                b.add(k, Measure.FC_MINUTES_SQ, minutes * minutes);
                            }
                        }).replaceWithVoid();
            }
            case "CaseClosed" -> {
                boolean recovered = "RECOVERED".equals(text(d, Field.OUTCOME));
                Measure[] bucket = bucket(d.isNumber(Field.FIRST_CONTACT_MINUTES) ? d.asLong(Field.FIRST_CONTACT_MINUTES) : null);
                return tx.preparedQuery("UPDATE case_seg SET closed = TRUE WHERE case_id = $1 AND NOT closed"
                                + " RETURNING day, store_id, " + ATTR_COLS)
                        .execute(Tuple.of(text(d, Field.CASE_ID)))
                        .invoke(rs -> {
                            for (Row r : rs) {
                                Key k = keyOf(r, r.getLocalDate(0), 1);
                                b.inc(k, Measure.CASES_CLOSED);
                                b.inc(k, bucket[0]);
                                if (recovered) {
                                    b.inc(k, Measure.CASES_RECOVERED);
                                    b.inc(k, bucket[1]);
                                }
                            }
                        }).replaceWithVoid();
            }
            case "StoreUpserted" -> {
                return tx.preparedQuery("INSERT INTO store_dim (store_id, region_id, name, status) VALUES ($1, $2, $3, $4) "
                                + "ON CONFLICT (store_id) DO UPDATE SET region_id = EXCLUDED.region_id, "
                                + "name = EXCLUDED.name, status = EXCLUDED.status")
                        .execute(Tuple.of(text(d, Field.STORE_ID), nullable(d, Field.REGION_ID), nullable(d, Field.NAME),
                                nullable(d, Field.STATUS)))
                        .replaceWithVoid();
            }
            // ---------------------------------------------------------------- referral feed
            case "ReferralCodeIssued" -> {
                b.inc(Key.storeOnly(day(d, Field.ISSUED_AT), text(d, Field.STORE_ID)), Measure.REF_CODES);
                return done();
            }
            case "ReferralClicked" -> {
                Key k = Key.storeOnly(day(d, Field.LAST_AT), text(d, Field.STORE_ID));
                b.add(k, Measure.REF_CLICKS, d.asLong(Field.CLICKS));
                b.add(k, Measure.REF_QR_CLICKS, d.asLong(Field.QR_CLICKS));
                b.add(k, Measure.REF_UNIQUE, d.asLong(Field.NEW_VISITORS));
                return done();
            }
            case "ReferralBooked" -> {
                if ("PENDING".equals(d.asText(Field.STATUS))) {
                    b.inc(Key.storeOnly(day(d, Field.BOOKED_AT), promoterStore(d)), Measure.REF_BOOKINGS);
                }
                return done();
            }
            case "ReferralConverted" -> {
                b.inc(Key.storeOnly(day(d, Field.CONVERTED_AT), promoterStore(d)), Measure.REF_CONVERSIONS);
                return done();
            }
            case "RewardStateChanged" -> {
                String to = d.asText(Field.TO);
                boolean created = d.isNull(Field.FROM) || d.isMissing(Field.FROM);
                if (created && "PENDING".equals(to)) {
                    LocalDate day = day(d, Field.CHANGED_AT);
                    String store = text(d, Field.STORE_ID);
                    long amount = d.asLong(Field.AMOUNT_CENTS);
                    return tx.preparedQuery("INSERT INTO reward_seg (reward_id, day, store_id, amount_cents) "
                                    + "VALUES ($1, $2, $3, $4) ON CONFLICT (reward_id) DO NOTHING RETURNING reward_id")
                            .execute(Tuple.of(text(d, Field.REWARD_ID), day, store, amount))
                            .invoke(rs -> {
                                if (rs.rowCount() > 0) {
                                    b.add(Key.storeOnly(day, store), Measure.REF_REWARDS_CENTS, amount);
                                }
                            }).replaceWithVoid();
                }
                if ("REJECTED".equals(to) && !created) {
                    return tx.preparedQuery("UPDATE reward_seg SET rejected = TRUE WHERE reward_id = $1 AND NOT rejected"
                                    + " RETURNING day, store_id, amount_cents")
                            .execute(Tuple.of(text(d, Field.REWARD_ID)))
                            .invoke(rs -> {
                                for (Row r : rs) {
                                    b.add(Key.storeOnly(r.getLocalDate(0), r.getString(1)), Measure.REF_REWARDS_CENTS,
                                            -r.getLong(2));
                                }
                            }).replaceWithVoid();
                }
                return done();
            }
            default -> {
                return done();
            }
        }
    }

    private void response(EventData d, Key k, RollupBatch b) {
        long[] v = b.row(k); // one lookup for the twenty-odd measures of a response
        int s = score(d);
        char cat = NpsMath.category(s);
        boolean flagged = d.size(Field.FLAGS) > 0;
        v[Measure.N.ordinal()]++;
        v[(cat == 'P' ? Measure.PROMOTERS : cat == 'N' ? Measure.PASSIVES : Measure.DETRACTORS).ordinal()]++;
        if (!flagged) {
            v[Measure.V_N.ordinal()]++;
            v[verified(cat).ordinal()]++;
        }
        v[Measure.SCORE_SUM.ordinal()] += s;
        v[Measure.SCORE_SQ.ordinal()] += (long) s * s;
        for (int i = 0; i < RATING_MEASURES.length; i++) {
            int r = d.rating(i);
            if (r >= 1 && r <= 5) {
                long x = r;
                Measure[] m = RATING_MEASURES[i];
                v[m[0].ordinal()]++;
                v[m[1].ordinal()] += x;
                v[m[2].ordinal()] += x * x;
                v[m[3].ordinal()] += x * s;
                v[m[4].ordinal()] += s;
                v[m[5].ordinal()] += (long) s * s;
            }
        }
        if (d.asBoolean(Field.RESURVEY, false)) {
            v[Measure.RESURVEY_N.ordinal()]++;
            if (cat == 'D') {
                v[Measure.RESURVEY_DETRACTORS.ordinal()]++;
            }
        }
        if (cat == 'D') {
            Set<String> seen = new HashSet<>();
            for (String r : d.reasons()) {
                String tag = REASONS.contains(r) ? r : "OTHER";
                if (seen.add(tag)) {
                    v[REASON_MEASURES.get(tag).ordinal()]++;
                }
            }
        }
        if (d.hasNonNull(Field.INVITATION_ID)) {
            v[Measure.ANSWERED.ordinal()]++;
        }
    }

    static Measure verified(char cat) {
        return cat == 'P' ? Measure.V_PROMOTERS : cat == 'N' ? Measure.V_PASSIVES : Measure.V_DETRACTORS;
    }

    /** closed/recovered measures of the first-contact latency bucket; never contacted counts as GT_24H. */
    static Measure[] bucket(Long minutes) {
        if (minutes != null && minutes <= 60) {
            return new Measure[]{Measure.CLOSED_LE_1H, Measure.RECOVERED_LE_1H};
        }
        if (minutes != null && minutes <= 240) {
            return new Measure[]{Measure.CLOSED_LE_4H, Measure.RECOVERED_LE_4H};
        }
        if (minutes != null && minutes <= 1440) {
            return new Measure[]{Measure.CLOSED_LE_24H, Measure.RECOVERED_LE_24H};
        }
        return new Measure[]{Measure.CLOSED_GT_24H, Measure.RECOVERED_GT_24H};
    }

    // ------------------------------------------------------------------ bulk inserts and updates

    /** Every InvitationOpened of the batch in one UPDATE: an invitation counts as opened once. */
    private Uni<Void> openInvitations(SqlClient tx, List<FeedEvent> work, RollupBatch b) {
        List<String> ids = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (FeedEvent e : work) {
            if (e.type().equals("InvitationOpened")) {
                ids.add(text(e.data(), Field.INVITATION_ID));
                days.add(day(e.data(), Field.OPENED_AT));
            }
        }
        if (ids.isEmpty()) {
            return done();
        }
        return tx.preparedQuery("UPDATE invitation_seg s SET opened = TRUE FROM unnest($1::text[], $2::date[]) AS u(id, day) "
                        + "WHERE s.invitation_id = u.id AND NOT s.opened RETURNING u.day, s.store_id, "
                        + Arrays.stream(Attr.ALL).map(a -> "s." + a.column()).collect(Collectors.joining(", ")))
                .execute(Tuple.of(ids.toArray(new String[0]), days.toArray(new LocalDate[0])))
                .invoke(rs -> {
                    for (Row r : rs) {
                        b.inc(keyOf(r, r.getLocalDate(0), 1), Measure.OPENED);
                    }
                }).replaceWithVoid();
    }

    /** Every ResponseFlagged of the batch in one UPDATE: a response leaves the verified figures once. */
    private Uni<Void> flagResponses(SqlClient tx, List<FeedEvent> work, RollupBatch b) {
        List<String> ids = new ArrayList<>();
        for (FeedEvent e : work) {
            if (e.type().equals("ResponseFlagged")) {
                ids.add(text(e.data(), Field.RESPONSE_ID));
            }
        }
        if (ids.isEmpty()) {
            return done();
        }
        return tx.preparedQuery("UPDATE response_fact SET flagged = TRUE WHERE response_id = ANY($1) AND NOT flagged"
                        + " RETURNING day, store_id, " + ATTR_COLS + ", category")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .invoke(rs -> {
                    for (Row r : rs) {
                        Key k = keyOf(r, r.getLocalDate(0), 1);
                        b.add(k, Measure.V_N, -1);
                        b.add(k, verified(r.getString(2 + Attr.COUNT).charAt(0)), -1);
                    }
                }).replaceWithVoid();
    }

    /**
     * One INSERT for the batch's responses; the attribute columns go as codes into one dictionary (rollup/Codes),
     * as in the fine rollup upsert.
     */
    private Uni<Void> insertFacts(SqlClient tx, List<Object[]> facts, Set<String> fresh) {
        if (facts.isEmpty()) {
            return done();
        }
        int n = facts.size();
        String[] ids = new String[n];
        LocalDate[] days = new LocalDate[n];
        String[] stores = new String[n];
        Codes codes = new Codes();
        Short[][] attrs = new Short[Attr.COUNT][n];
        String[] cats = new String[n];
        Boolean[] flagged = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Object[] f = facts.get(i);
            Key k = (Key) f[1];
            ids[i] = (String) f[0];
            days[i] = k.day();
            stores[i] = k.storeId();
            for (int a = 0; a < Attr.COUNT; a++) {
                attrs[a][i] = codes.code(k.attrs().get(a));
            }
            cats[i] = (String) f[2];
            flagged[i] = (Boolean) f[3];
        }
        List<Object> params = new ArrayList<>(List.of(codes.dictionary(), ids, days, stores));
        params.addAll(Arrays.asList(attrs));
        params.add(cats);
        params.add(flagged);
        return tx.preparedQuery("INSERT INTO response_fact (response_id, day, store_id, " + ATTR_COLS
                        + ", category, flagged) SELECT u.id, u.day, u.store_id, " + Codes.attrLookups(1)
                        + ", u.category, u.flagged FROM unnest($2::text[], $3::date[], $4::text[], " + Codes.attrParams(5)
                        + ", $" + (5 + Attr.COUNT) + "::text[], $" + (6 + Attr.COUNT) + "::bool[]) AS u(id, day, store_id, "
                        + Codes.attrAliases() + ", category, flagged) ON CONFLICT (response_id) DO NOTHING RETURNING response_id")
                .execute(Tuple.from(params))
                .invoke(rs -> rs.forEach(r -> fresh.add(r.getString(0)))).replaceWithVoid();
    }

    private Uni<Void> insertInvitations(SqlClient tx, List<Object[]> invitations, Set<String> fresh) {
        if (invitations.isEmpty()) {
            return done();
        }
        int n = invitations.size();
        String[] ids = new String[n];
        String[] stores = new String[n];
        Codes codes = new Codes();
        Short[][] attrs = new Short[Attr.COUNT][n];
        for (int i = 0; i < n; i++) {
            Key k = (Key) invitations.get(i)[1];
            ids[i] = (String) invitations.get(i)[0];
            stores[i] = k.storeId();
            for (int a = 0; a < Attr.COUNT; a++) {
                attrs[a][i] = codes.code(k.attrs().get(a));
            }
        }
        List<Object> params = new ArrayList<>(List.of(codes.dictionary(), ids, stores));
        params.addAll(Arrays.asList(attrs));
        return tx.preparedQuery("INSERT INTO invitation_seg (invitation_id, store_id, " + ATTR_COLS + ") SELECT u.id, "
                        + "u.store_id, " + Codes.attrLookups(1) + " FROM unnest($2::text[], $3::text[], " + Codes.attrParams(4)
                        + ") AS u(id, store_id, " + Codes.attrAliases() + ") ON CONFLICT (invitation_id) DO NOTHING"
                        + " RETURNING invitation_id")
                .execute(Tuple.from(params))
                .invoke(rs -> rs.forEach(r -> fresh.add(r.getString(0)))).replaceWithVoid();
    }

    private Uni<Void> insertStores(SqlClient tx, Map<String, String> storeRegions) {
        if (storeRegions.isEmpty()) {
            return done();
        }
        return tx.preparedQuery("INSERT INTO store_dim (store_id, region_id) SELECT * FROM unnest($1::text[], $2::text[]) "
                        + "ON CONFLICT (store_id) DO NOTHING")
                .execute(Tuple.of(storeRegions.keySet().toArray(new String[0]),
                        storeRegions.values().toArray(new String[0])))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ reading event data

    private void validate(String type, EventData d) {
        switch (type) {
            case "InvitationOpened" -> {
                text(d, Field.INVITATION_ID);
                day(d, Field.OPENED_AT);
            }
            case "ResponseFlagged" -> text(d, Field.RESPONSE_ID);
            case "CaseOpened" -> {
                text(d, Field.CASE_ID);
                text(d, Field.STORE_ID);
                day(d, Field.OPENED_AT);
            }
            case "CaseStageCompleted", "CaseClosed" -> text(d, Field.CASE_ID);
            case "StoreUpserted" -> text(d, Field.STORE_ID);
            case "ReferralCodeIssued" -> Key.storeOnly(day(d, Field.ISSUED_AT), text(d, Field.STORE_ID));
            case "ReferralClicked" -> Key.storeOnly(day(d, Field.LAST_AT), text(d, Field.STORE_ID));
            case "ReferralBooked" -> Key.storeOnly(day(d, Field.BOOKED_AT), promoterStore(d));
            case "ReferralConverted" -> Key.storeOnly(day(d, Field.CONVERTED_AT), promoterStore(d));
            case "RewardStateChanged" -> {
                text(d, Field.REWARD_ID);
                text(d, Field.STORE_ID);
                day(d, Field.CHANGED_AT);
            }
            default -> {
            }
        }
    }

    private Key key(EventData d, Field dayField) {
        String[] attrs = new String[Attr.COUNT];
        for (int a = 0; a < Attr.COUNT; a++) {
            Field f = ATTR_FIELDS[a];
            attrs[a] = d.hasNonNull(f) ? d.asText(f) : "";
        }
        return new Key(day(d, dayField), text(d, Field.STORE_ID), List.of(attrs));
    }

    private static Key keyOf(Row r, LocalDate day, int firstCol) {
        String store = r.getString(firstCol);
        List<String> attrs = new ArrayList<>(Attr.COUNT);
        for (int a = 0; a < Attr.COUNT; a++) {
            attrs.add(r.getString(firstCol + 1 + a));
        }
        return new Key(day, store, List.copyOf(attrs));
    }

    private static void forEachKey(RowSet<Row> rs, LocalDate day, int firstCol, java.util.function.Consumer<Key> c) {
        for (Row r : rs) {
            c.accept(keyOf(r, day, firstCol));
        }
    }

    LocalDate day(EventData d, Field field) {
        return localDays.of(text(d, field));
    }

    private static int score(EventData d) {
        if (!d.isInt(Field.SCORE) || d.asInt(Field.SCORE) < 0 || d.asInt(Field.SCORE) > 10) {
            throw new IllegalArgumentException("score must be an integer 0..10");
        }
        return d.asInt(Field.SCORE);
    }

    private static String promoterStore(EventData d) {
        return d.hasNonNull(Field.PROMOTER_STORE_ID) ? d.asText(Field.PROMOTER_STORE_ID) : text(d, Field.STORE_ID);
    }

    static String text(EventData d, Field field) {
        String v = d.hasNonNull(field) ? d.asText(field) : "";
        if (v.isEmpty()) {
            throw new IllegalArgumentException(field.json() + " is missing");
        }
        return v;
    }

    private static String nullable(EventData d, Field field) {
        return d.hasNonNull(field) ? d.asText(field) : null;
    }

    private static Uni<Void> done() {
        return DONE;
    }
}
