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
import io.npsloop.survey.problem.Problem;
import io.npsloop.survey.problem.ProblemException;
import io.smallrye.mutiny.Multi;
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
        return tx.run(conn -> submit(conn, token, in, client))
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .recoverWithUni(e -> tx.run(conn -> submit(conn, token, in, client)));
    }

    private Uni<Submitted> submit(SqlConnection conn, String token, ResponseInput in, ClientInfo client) {
        return conn.preparedQuery("SELECT i.id, i.status, i.expires_at, i.order_id, i.store_id, i.customer_key, "
                        + "o.closed_at, o.segment::text AS segment, o.plate_key, o.customer_name, o.customer_id, "
                        + "r.id AS response_id, r.answer_hash, r.score AS stored_score "
                        + "FROM invitation i JOIN service_order o ON o.order_id = i.order_id "
                        + "LEFT JOIN response r ON r.invitation_id = i.id WHERE i.token = $1 FOR UPDATE OF i")
                .execute(Tuple.of(token))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("No survey with this link."));
                    }
                    Row r = rows.iterator().next();
                    String displayName = Keys.maskName(r.getString("customer_name"));
                    if (r.getUUID("response_id") != null) {
                        if (answerHash(in).equals(r.getString("answer_hash"))) {
                            return Uni.createFrom().item(new Submitted(200, r.getUUID("response_id"),
                                    r.getShort("stored_score"), r.getString("store_id"), r.getString("customer_key"),
                                    displayName));
                        }
                        return Uni.createFrom().failure(ProblemException.conflict("This survey has already been answered."));
                    }
                    Instant now = clock.instant();
                    if ("EXPIRED".equals(r.getString("status")) || !Times.instant(r, "expires_at").isAfter(now)) {
                        return Uni.createFrom().failure(ProblemException.gone("This survey link has expired."));
                    }
                    return store(conn, r, in, client, now, displayName);
                });
    }

    private Uni<Submitted> store(SqlConnection conn, Row inv, ResponseInput in, ClientInfo client, Instant now,
                                 String displayName) {
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
        String deviceHash = Keys.hmacHex(salt, "dev\n" + address + "\n" + (client.userAgent() == null ? "" : client.userAgent()));
        int score = in.score();
        NpsloopConfig.Authenticity a = config.authenticity();
        List<Flag> flags = new ArrayList<>();
        List<EventOutbox.Pending> later = new ArrayList<>();

        Uni<Void> sharedDevice = conn.preparedQuery("SELECT count(DISTINCT customer_key) AS n FROM response "
                        + "WHERE device_hash = $1 AND answered_at > $2 AND customer_key IS DISTINCT FROM $3")
                .execute(Sql.t(deviceHash, Times.utc(now.minus(a.sharedDeviceWindow())), customerKey))
                .flatMap(rs -> {
                    long others = rs.iterator().next().getLong("n");
                    if (!AuthenticityRules.sharedDevice(others + 1, a.sharedDeviceCustomers())) {
                        return Uni.createFrom().voidItem();
                    }
                    String detail = "one device/network answered for " + (others + 1) + " customers within "
                            + a.sharedDeviceWindow().toDays() + " days";
                    flags.add(new Flag(AuthenticityRules.SHARED_DEVICE, detail));
                    // The earlier responses of that device are flagged now too (published as ResponseFlagged).
                    return conn.preparedQuery("INSERT INTO response_flag (response_id, rule, detail, flagged_at) "
                                    + "SELECT id, $4, $5, $6 FROM response WHERE device_hash = $1 AND answered_at > $2 "
                                    + "AND customer_key IS DISTINCT FROM $3 ON CONFLICT DO NOTHING RETURNING response_id")
                            .execute(Sql.t(deviceHash, Times.utc(now.minus(a.sharedDeviceWindow())), customerKey,
                                    AuthenticityRules.SHARED_DEVICE, detail, Times.utc(now)))
                            .flatMap(ids -> {
                                List<UUID> flagged = new ArrayList<>();
                                ids.forEach(x -> flagged.add(x.getUUID("response_id")));
                                if (flagged.isEmpty()) {
                                    return Uni.createFrom().voidItem();
                                }
                                return conn.preparedQuery("SELECT id, store_id, answered_at FROM response WHERE id = ANY($1)")
                                        .execute(Tuple.of(flagged.toArray(new UUID[0])))
                                        .invoke(prev -> prev.forEach(p -> {
                                            Map<String, Object> e = new LinkedHashMap<>();
                                            e.put("responseId", p.getUUID("id").toString());
                                            e.put("storeId", p.getString("store_id"));
                                            e.put("answeredAt", Times.iso(Times.instant(p, "answered_at"), config.zone()));
                                            e.put("flags", List.of(Map.of("rule", AuthenticityRules.SHARED_DEVICE, "detail", detail)));
                                            later.add(new EventOutbox.Pending("ResponseFlagged", e));
                                        }))
                                        .replaceWithVoid();
                            });
                });

        Uni<Void> storeNetwork = conn.preparedQuery("SELECT networks::text[] AS networks FROM store WHERE id = $1")
                .execute(Tuple.of(storeId))
                .invoke(rs -> {
                    String[] nets = rs.rowCount() == 0 ? null : rs.iterator().next().getArrayOfStrings("networks");
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
                })
                .replaceWithVoid();

        Uni<Void> advisorTen = score != 10 || advisorId == null ? Uni.createFrom().voidItem()
                : conn.preparedQuery("SELECT count(*) FILTER (WHERE advisor_id = $1) AS an, "
                                + "count(*) FILTER (WHERE advisor_id = $1 AND score = 10) AS at, count(*) AS n, "
                                + "count(*) FILTER (WHERE score = 10) AS t FROM response WHERE answered_at > $2")
                        .execute(Sql.t(advisorId, Times.utc(now.minus(a.advisorTenWindow()))))
                        .invoke(rs -> {
                            Row s = rs.iterator().next();
                            long an = s.getLong("an") + 1;
                            long at = s.getLong("at") + 1;
                            long n = s.getLong("n") + 1;
                            long t = s.getLong("t") + 1;
                            if (AuthenticityRules.advisorTenOutlier(at, an, t, n, a.advisorTenMinResponses(), a.advisorTenZ())) {
                                flags.add(new Flag(AuthenticityRules.ADVISOR_TEN_OUTLIER, String.format(java.util.Locale.ROOT,
                                        "advisor's share of 10s %.1f%% of %d responses, z = %.2f against the chain",
                                        100.0 * at / an, an, AuthenticityRules.advisorTenZ(at, an, t, n))));
                            }
                        })
                        .replaceWithVoid();

        Uni<Boolean> resurvey = customerKey == null ? Uni.createFrom().item(false)
                : conn.preparedQuery(io.npsloop.survey.recovery.Resurveys.IS_RESURVEY_SQL)
                .execute(Tuple.of(customerKey)).map(rs -> rs.iterator().next().getBoolean("again"));

        String comment = comment(in);
        String masked = CommentMasker.mask(comment);
        Map<String, Integer> ratings = ratingsMap(in.ratings());
        List<String> reasons = reasons(in);
        return sharedDevice.flatMap(x -> storeNetwork).flatMap(x -> advisorTen).flatMap(x -> resurvey)
                .flatMap(again -> conn.preparedQuery("INSERT INTO response (id, invitation_id, order_id, store_id, advisor_id, "
                                        + "customer_key, score, comment, comment_masked, ratings, reasons, channel, answered_at, "
                                        + "closed_at, seconds_since_close, network_hash, device_hash, answer_hash, resurvey) "
                                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12, $13, $14, $15, "
                                        + "$16, $17, $18, $19)")
                                .execute(Sql.t(responseId, invitationId, inv.getString("order_id"), storeId, advisorId,
                                        customerKey, (short) score, comment, masked, outbox.toJson(ratings),
                                        reasons.toArray(new String[0]), client.channel(), Times.utc(now), Times.utc(closedAt),
                                        secondsSinceClose, networkHash, deviceHash, answerHash(in), again))
                                .flatMap(x -> insertFlags(conn, responseId, flags, now))
                                .flatMap(x -> conn.preparedQuery("UPDATE invitation SET status = 'ANSWERED', answered_at = $2 "
                                        + "WHERE id = $1").execute(Tuple.of(invitationId, Times.utc(now))))
                                .flatMap(x -> {
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
                                    List<EventOutbox.Pending> events = new ArrayList<>();
                                    events.add(new EventOutbox.Pending("ResponseSubmitted", e));
                                    events.addAll(later);
                                    return outbox.appendAll(conn, events);
                                })
                                .flatMap(x -> notifyListeners(new StoredResponse(responseId, invitationId,
                                        inv.getString("order_id"), storeId, inv.getString("customer_id"), customerKey, score,
                                        now, reasons, ratings, comment, again, client.channel())))
                                .map(x -> new Submitted(201, responseId, score, storeId, customerKey, displayName)));
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
        List<ResponseListener> all = new ArrayList<>();
        listeners.forEach(all::add);
        if (all.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(l -> l.onResponseStored(stored))
                .collect().last().replaceWithVoid();
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
