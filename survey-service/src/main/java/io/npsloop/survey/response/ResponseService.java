package io.npsloop.survey.response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.common.Cidr;
import io.npsloop.survey.common.Keys;
import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores a survey answer and its ResponseSubmitted event in one transaction: the invitation row is locked, an
 * identical retry answers the stored response, a different answer 409; authenticity flags are computed and stored
 * with the response; registered {@link ResponseListener}s run in the same transaction.
 */
@ApplicationScoped
public class ResponseService {

    private final Tx tx;
    private final NpsloopConfig config;
    private final EventOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final Instance<ResponseListener> listeners;
    private volatile List<ResponseListener> resolvedListeners;

    ResponseService(Tx tx, NpsloopConfig config, EventOutbox outbox, ObjectMapper json, Clock clock,
                    Instance<ResponseListener> listeners) {
        this.tx = tx;
        this.config = config;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** The outcome: 201 created or 200 identical retry; what the thank-you page needs. */
    public record Submitted(int status, UUID responseId, int score, String storeId, String customerKey,
                            String displayName) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Flag(String rule, String detail) {
    }

    /** Validation beyond bean validation (tags, comment length); throws 400 naming each bad field. */
    public void validate(ResponseInput in) {
        List<Problem.InvalidParam> bad = new ArrayList<>();
        if (in.score() == null) {
            bad.add(new Problem.InvalidParam("score", "is required"));
        } else if (in.score() < 0 || in.score() > 10) {
            bad.add(new Problem.InvalidParam("score", "must be an integer from 0 to 10"));
        }
        if (in.comment() != null) {
            int max = config.responses().commentMaxLength();
            if (in.comment().codePointCount(0, in.comment().length()) > max) {
                bad.add(new Problem.InvalidParam("comment", "must be at most " + max + " characters"));
            }
            if (in.comment().indexOf('\u0000') >= 0) {
                bad.add(new Problem.InvalidParam("comment", "must not contain NUL characters"));
            }
        }
        if (in.reasons() != null) {
            if (in.reasons().size() > ReasonTags.ALL.size()) {
                bad.add(new Problem.InvalidParam("reasons", "must hold at most " + ReasonTags.ALL.size() + " tags"));
            }
            for (int i = 0; i < in.reasons().size(); i++) {
                if (!ReasonTags.ALL.contains(in.reasons().get(i))) {
                    bad.add(new Problem.InvalidParam("reasons[" + i + "]", "must be one of " + String.join(", ", ReasonTags.ALL)));
                }
            }
        }
        if (in.ratings() != null) {
            rating(bad, "responseSpeed", in.ratings().responseSpeed());
            rating(bad, "professionalism", in.ratings().professionalism());
            rating(bad, "transparency", in.ratings().transparency());
            rating(bad, "care", in.ratings().care());
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(Problem.invalid(bad.get(0).name() + " " + bad.get(0).reason(), bad));
        }
    }

    private static void rating(List<Problem.InvalidParam> bad, String name, Integer v) {
        if (v != null && (v < 1 || v > 5)) {
            bad.add(new Problem.InvalidParam("ratings." + name, "must be an integer from 1 to 5"));
        }
    }

    public static Map<String, Integer> ratingsMap(ResponseInput.Ratings r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (r != null) {
            putIf(m, "responseSpeed", r.responseSpeed());
            putIf(m, "professionalism", r.professionalism());
            putIf(m, "transparency", r.transparency());
            putIf(m, "care", r.care());
        }
        return m;
    }

    private static void putIf(Map<String, Integer> m, String k, Integer v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static List<String> reasons(ResponseInput in) {
        return in.reasons() == null ? List.of() : in.reasons().stream().distinct().sorted().toList();
    }

    static String comment(ResponseInput in) {
        return in.comment() == null || in.comment().isBlank() ? null : in.comment().strip();
    }

    /** A digest of the answer, to tell an identical retry from a different answer. */
    static String answerHash(ResponseInput in) {
        StringBuilder sb = new StringBuilder();
        sb.append(in.score()).append('\u0001').append(comment(in) == null ? "" : comment(in)).append('\u0001');
        new TreeMap<>(ratingsMap(in.ratings())).forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
        sb.append('\u0001').append(String.join(",", reasons(in)));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String category(int score) {
        return score >= 9 ? "PROMOTER" : score >= 7 ? "PASSIVE" : "DETRACTOR";
    }

    public Uni<Submitted> submit(String token, ResponseInput in, ClientInfo client) {
        validate(in);
        return submitOnce(token, in, client)
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .recoverWithUni(e -> submitOnce(token, in, client));
    }

    /**
     * Everything a submission reads, in one statement and one round trip (sent with BEGIN by {@link Tx}): the
     * invitation locked with its order and any stored answer, the store's networks, the SHARED_DEVICE count, the
     * re-survey check and — for a 10 only — the ADVISOR_TEN_OUTLIER counts. Every sub-select is bounded by an
     * index: the device by {@code response_device}, the advisor by {@code response_advisor} (index-only), the chain
     * by the per-day totals of {@code response_tally} plus the one partial day at the window's start (index-only on
     * {@code response_answered}); none scans the window's responses.
     */
    static final String READ = "SELECT i.id, i.status, i.expires_at, i.order_id, i.store_id, i.customer_key, "
            + "o.closed_at, o.segment::text AS segment, o.plate_key, o.customer_name, o.customer_id, "
            + "r.id AS response_id, r.answer_hash, r.score AS stored_score, s.networks::text[] AS networks, "
            + "(SELECT count(DISTINCT x.customer_key) FROM response x WHERE x.device_hash = $2 AND x.answered_at > $3 "
            + "AND x.customer_key IS DISTINCT FROM i.customer_key) AS shared_n, "
            + "(i.customer_key IS NOT NULL AND EXISTS (SELECT 1 FROM recovery_case c WHERE c.customer_key = i.customer_key "
            + "AND c.status = 'RECOVERED')) AS again";
    static final String ADVISOR = ", a.an, a.at, t.n, t.t";
    static final String FROM = " FROM invitation i JOIN service_order o ON o.order_id = i.order_id "
            + "LEFT JOIN response r ON r.invitation_id = i.id LEFT JOIN store s ON s.id = i.store_id";
    static final String ADVISOR_FROM = " CROSS JOIN LATERAL (SELECT count(*) AS an, count(*) FILTER (WHERE y.score = 10) AS at "
            + "FROM response y WHERE y.advisor_id = o.segment->>'advisorId' AND y.answered_at > $4) a "
            + "CROSS JOIN LATERAL (SELECT d.n + e.n AS n, d.t + e.t AS t FROM "
            + "(SELECT coalesce(sum(n), 0)::bigint AS n, coalesce(sum(tens), 0)::bigint AS t FROM response_tally WHERE day > $5) d, "
            + "(SELECT count(*) AS n, count(*) FILTER (WHERE z.score = 10) AS t FROM response z "
            + "WHERE z.answered_at > $4 AND z.answered_at < $6) e) t";
    static final String WHERE = " WHERE i.token = $1 FOR UPDATE OF i";
    static final String READ_PLAIN = READ + FROM + WHERE;
    /**
     * The submission's statements keep their generic plans. Left to choose, PostgreSQL judged custom plans of the read
     * cheaper (its generic plan cannot know the windows' bounds) and planned it again on every execution: 0.3–0.6 ms
     * of database CPU per answer, more than running it, whenever a run of the service fell into that choice.
     */
    static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";
    /** The response ($1–$19), its invitation answered ($2, at $13) and its ResponseSubmitted event ($20–$23). */
    static final String STORE = "WITH answered AS (UPDATE invitation SET status = 'ANSWERED', answered_at = $13 WHERE id = $2), "
            + "submitted AS (" + EventOutbox.insertAt(20) + ") "
            + "INSERT INTO response (id, invitation_id, order_id, store_id, advisor_id, customer_key, score, comment, "
            + "comment_masked, ratings, reasons, channel, answered_at, closed_at, seconds_since_close, network_hash, "
            + "device_hash, answer_hash, resurvey) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, "
            + "$13, $14, $15, $16, $17, $18, $19)";
    static final String READ_WITH_ADVISOR = READ + ADVISOR + FROM + ADVISOR_FROM + WHERE;

    /** One attempt: BEGIN, the generic-plan setting and the read leave together (see GENERIC_PLANS), then the rest. */
    private Uni<Submitted> submitOnce(String token, ResponseInput in, ClientInfo client) {
        Instant now = clock.instant();
        NpsloopConfig.Authenticity a = config.authenticity();
        String deviceHash = deviceHash(client);
        Tx.Opening read;
        if (in.score() == 10) {
            // The tally holds whole UTC days; the window's first, partial day is counted from the responses.
            Instant from = now.minus(a.advisorTenWindow());
            java.time.LocalDate firstDay = from.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
            read = Tx.Opening.prepared(READ_WITH_ADVISOR, Sql.t(token, deviceHash,
                    Times.utc(now.minus(a.sharedDeviceWindow())), Times.utc(from), firstDay,
                    firstDay.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC)));
        } else {
            read = Tx.Opening.prepared(READ_PLAIN, Sql.t(token, deviceHash,
                    Times.utc(now.minus(a.sharedDeviceWindow()))));
        }
        return tx.run(List.of(Tx.Opening.simple(GENERIC_PLANS), read),
                (conn, opened) -> submit(conn, opened.get(1), in, client, now, deviceHash));
    }

    private Uni<Submitted> submit(SqlConnection conn, io.vertx.mutiny.sqlclient.RowSet<Row> rows, ResponseInput in,
                                  ClientInfo client, Instant now, String deviceHash) {
        if (rows.rowCount() == 0) {
            return Uni.createFrom().failure(ProblemException.notFound("No survey with this link."));
        }
        Row r = rows.iterator().next();
        String displayName = Keys.maskName(r.getString("customer_name"));
        if (r.getUUID("response_id") != null) {
            if (answerHash(in).equals(r.getString("answer_hash"))) {
                return Uni.createFrom().item(new Submitted(200, r.getUUID("response_id"), r.getShort("stored_score"),
                        r.getString("store_id"), r.getString("customer_key"), displayName));
            }
            return Uni.createFrom().failure(ProblemException.conflict("This survey has already been answered."));
        }
        if ("EXPIRED".equals(r.getString("status")) || !Times.instant(r, "expires_at").isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.gone("This survey link has expired."));
        }
        return store(conn, r, in, client, now, displayName, deviceHash);
    }

    private String deviceHash(ClientInfo client) {
        String address = client.address() == null ? "" : client.address();
        return Keys.hmacHex(config.authenticity().salt(),
                "dev\n" + address + "\n" + (client.userAgent() == null ? "" : client.userAgent()));
    }

    private Uni<Submitted> store(SqlConnection conn, Row inv, ResponseInput in, ClientInfo client, Instant now,
                                 String displayName, String deviceHash) {
        UUID responseId = UUID.randomUUID();
        UUID invitationId = inv.getUUID("id");
        String storeId = inv.getString("store_id");
        String customerKey = inv.getString("customer_key");
        Instant closedAt = Times.instant(inv, "closed_at");
        long secondsSinceClose = Duration.between(closedAt, now).getSeconds();
        Map<String, Object> segment = readMap(inv.getString("segment"));
        String advisorId = (String) segment.get("advisorId");
        String salt = config.authenticity().salt();
        String address = client.address() == null ? "" : client.address();
        String networkHash = Keys.hmacHex(salt, "net\n" + address);
        int score = in.score();
        NpsloopConfig.Authenticity a = config.authenticity();
        List<Flag> flags = new ArrayList<>();
        List<EventOutbox.Pending> later = new ArrayList<>();

        // SHARED_DEVICE: the count came with the invitation; only a hit costs more round trips.
        long others = inv.getLong("shared_n");
        Uni<Void> sharedDevice = Uni.createFrom().voidItem();
        if (AuthenticityRules.sharedDevice(others + 1, a.sharedDeviceCustomers())) {
            String detail = "one device/network answered for " + (others + 1) + " customers within "
                    + a.sharedDeviceWindow().toDays() + " days";
            flags.add(new Flag(AuthenticityRules.SHARED_DEVICE, detail));
            // The earlier responses of that device are flagged now too (published as ResponseFlagged).
            sharedDevice = conn.preparedQuery("WITH f AS (INSERT INTO response_flag (response_id, rule, detail, flagged_at) "
                            + "SELECT id, $4, $5, $6 FROM response WHERE device_hash = $1 AND answered_at > $2 "
                            + "AND customer_key IS DISTINCT FROM $3 ON CONFLICT DO NOTHING RETURNING response_id) "
                            + "SELECT x.id, x.store_id, x.answered_at FROM response x JOIN f ON f.response_id = x.id")
                    .execute(Sql.t(deviceHash, Times.utc(now.minus(a.sharedDeviceWindow())), customerKey,
                            AuthenticityRules.SHARED_DEVICE, detail, Times.utc(now)))
                    .invoke(prev -> prev.forEach(p -> {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("responseId", p.getUUID("id").toString());
                        e.put("storeId", p.getString("store_id"));
                        e.put("answeredAt", Times.iso(Times.instant(p, "answered_at"), config.zone()));
                        e.put("flags", List.of(Map.of("rule", AuthenticityRules.SHARED_DEVICE, "detail", detail)));
                        later.add(new EventOutbox.Pending("ResponseFlagged", e));
                    }))
                    .replaceWithVoid();
        }

        String[] nets = inv.getArrayOfStrings("networks");
        boolean inStore = false;
        if (nets != null) {
            for (String n : nets) {
                Cidr c = Cidr.parse(n);
                inStore |= c != null && c.contains(address);
            }
        }
        if (AuthenticityRules.storeNetworkSoon(inStore, secondsSinceClose, a.storeNetworkWindow().getSeconds())) {
            flags.add(new Flag(AuthenticityRules.STORE_NETWORK_SOON, "answered from the store's network "
                    + secondsSinceClose + " s after closing"));
        }

        if (score == 10 && advisorId != null) {
            long an = inv.getLong("an") + 1;
            long at = inv.getLong("at") + 1;
            long n = inv.getLong("n") + 1;
            long t = inv.getLong("t") + 1;
            if (AuthenticityRules.advisorTenOutlier(at, an, t, n, a.advisorTenMinResponses(), a.advisorTenZ())) {
                flags.add(new Flag(AuthenticityRules.ADVISOR_TEN_OUTLIER, String.format(java.util.Locale.ROOT,
                        "advisor's share of 10s %.1f%% of %d responses, z = %.2f against the chain",
                        100.0 * at / an, an, AuthenticityRules.advisorTenZ(at, an, t, n))));
            }
        }

        boolean again = inv.getBoolean("again");
        String comment = comment(in);
        String masked = CommentMasker.mask(comment);
        Map<String, Integer> ratings = ratingsMap(in.ratings());
        List<String> reasons = reasons(in);
        StoredResponse stored = new StoredResponse(responseId, invitationId, inv.getString("order_id"), storeId,
                inv.getString("customer_id"), customerKey, score, now, reasons, ratings, comment, again, client.channel());
        return sharedDevice.flatMap(x -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("responseId", responseId.toString());
            e.put("invitationId", invitationId.toString());
            e.put("orderId", inv.getString("order_id"));
            e.putAll(segment);
            e.put("customerKey", customerKey);
            e.put("plateKey", inv.getString("plate_key"));
            e.put("score", score);
            e.put("category", category(score));
            e.put("ratings", ratings);
            e.put("reasons", reasons);
            e.put("comment", masked);
            e.put("channel", client.channel());
            e.put("closedAt", Times.iso(closedAt, config.zone()));
            e.put("answeredAt", Times.iso(now, config.zone()));
            e.put("secondsSinceClose", secondsSinceClose);
            e.put("flags", flags);
            e.put("resurvey", again);
            if (score >= 9) {
                e.put("displayName", displayName);
            }
            // All writes go out at once on the transaction's connection (pipelined, executed in this order); the
            // first failure fails the whole, and Tx rolls back. The response, its invitation's new status and its
            // ResponseSubmitted event are one statement.
            List<Object> values = new ArrayList<>(Arrays.asList(responseId, invitationId, inv.getString("order_id"),
                    storeId, advisorId, customerKey, (short) score, comment, masked, outbox.toJson(ratings),
                    reasons.toArray(new String[0]), client.channel(), Times.utc(now), Times.utc(closedAt),
                    secondsSinceClose, networkHash, deviceHash, answerHash(in), again));
            values.addAll(outbox.values("ResponseSubmitted", e));
            return Uni.combine().all().unis(
                            conn.preparedQuery(STORE).execute(Tuple.from(values)),
                            insertFlags(conn, responseId, flags, now),
                            outbox.appendAll(conn, later),
                            notifyListeners(stored))
                    .discardItems()
                    .map(y -> new Submitted(201, responseId, score, storeId, customerKey, displayName));
        });
    }

    Uni<Void> insertFlags(SqlConnection conn, UUID responseId, List<Flag> flags, Instant now) {
        if (flags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = flags.stream().map(f -> Tuple.of(responseId, f.rule(), f.detail(), Times.utc(now))).toList();
        return conn.preparedQuery("INSERT INTO response_flag (response_id, rule, detail, flagged_at) VALUES ($1, $2, $3, $4)")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Calls every ResponseListener, one after the other, inside the current transaction. */
    public Uni<Void> notifyListeners(StoredResponse stored) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ResponseListener l : listeners()) {
            chain = chain.chain(() -> l.onResponseStored(stored));
        }
        return chain;
    }

    /** Calls every ResponseListener with a whole import batch, one listener after the other, in the current transaction. */
    public Uni<Void> notifyListeners(List<StoredResponse> stored) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (stored.isEmpty()) {
            return chain;
        }
        for (ResponseListener l : listeners()) {
            chain = chain.chain(() -> l.onResponsesStored(stored));
        }
        return chain;
    }

    /** The listeners, looked up once (application-scoped beans: their proxies never change). */
    private List<ResponseListener> listeners() {
        List<ResponseListener> all = resolvedListeners;
        if (all == null) {
            List<ResponseListener> found = new ArrayList<>();
            listeners.forEach(found::add);
            all = resolvedListeners = List.copyOf(found);
        }
        return all;
    }

    private Map<String, Object> readMap(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored segment is not JSON", e);
        }
    }
}
