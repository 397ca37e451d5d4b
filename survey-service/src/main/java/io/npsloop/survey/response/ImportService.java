package io.npsloop.survey.response;

import io.npsloop.survey.common.Csv;
import io.npsloop.survey.common.Keys;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.order.Locality;
import io.npsloop.survey.order.OrderInput;
import io.npsloop.survey.order.PaymentType;
import io.npsloop.survey.order.Segments;
import io.npsloop.survey.order.ServiceType;
import io.npsloop.survey.order.VisitKind;
import io.npsloop.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk import of historical responses from CSV, streamed and validated row by row. Valid rows are written in
 * batches ({@code npsloop.imports.batch-size}), each batch one transaction of multi-row inserts (unnest) on the
 * reactive Pool: orders, responses (channel IMPORT, the given answeredAt) and their ResponseSubmitted events. A
 * batch that cannot be written is rejected as a whole; no batch is ever half written.
 */
@ApplicationScoped
public class ImportService {

    public static final List<String> REQUIRED = List.of("orderId", "storeId", "closedAt", "serviceType", "paymentType",
            "visitKind", "amountCents", "phone", "score", "answeredAt");
    public static final List<String> OPTIONAL = List.of("advisorId", "technicianId", "customerId", "name", "tenureMonths",
            "regionCode", "locality", "ageBand", "gender", "occupation", "plate", "comment", "responseSpeed",
            "professionalism", "transparency", "care", "reasons");

    private final Tx tx;
    private final NpsloopConfig config;
    private final EventOutbox outbox;
    private final ResponseService responses;
    private final Clock clock;

    ImportService(Tx tx, NpsloopConfig config, EventOutbox outbox, ResponseService responses, Clock clock) {
        this.tx = tx;
        this.config = config;
        this.outbox = outbox;
        this.responses = responses;
        this.clock = clock;
    }

    public record Rejected(long line, String reason) {
    }

    public record Report(int accepted, List<Rejected> rejected) {
    }

    // Compiled once: String.matches would compile each pattern again for every field of every row.
    private static final java.util.regex.Pattern STORE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("[+0-9 ()\\-]{5,32}");
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d{1,10}");
    private static final java.util.regex.Pattern TAG_SEPARATOR = java.util.regex.Pattern.compile("[;|]");

    record ImportRow(long line, OrderInput order, ResponseInput answer, OffsetDateTime answeredAt) {
    }

    /** Reads the whole stream on the calling (worker) thread; each batch is awaited before the next is read. */
    public Report importCsv(InputStream body) {
        Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<Rejected> rejected = new ArrayList<>();
        int accepted = 0;
        // One batch is written while the next is parsed: parsing (CPU) and the batch's round trips overlap, and at
        // most two batches are in memory. Batches are still written one after the other, in file order.
        InFlight inFlight = null;
        try (Csv csv = new Csv(new java.io.BufferedReader(reader, 1 << 16), 10_000)) {
            Csv.Record head = csv.next();
            if (head == null) {
                throw ProblemException.invalid("body", "must start with a header row naming the columns");
            }
            Map<String, Integer> header = new HashMap<>();
            for (int i = 0; i < head.fields().size(); i++) {
                String name = head.fields().get(i).strip();
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1);
                }
                if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    throw ProblemException.invalid("body", "the header has an unknown column " + name);
                }
                header.put(name, i);
            }
            for (String r : REQUIRED) {
                if (!header.containsKey(r)) {
                    throw ProblemException.invalid("body", "the header lacks the column " + r);
                }
            }
            int batchSize = config.imports().batchSize();
            List<ImportRow> batch = new ArrayList<>(batchSize);
            Set<String> seenOrders = new HashSet<>();
            while (true) {
                Csv.Record rec;
                try {
                    rec = csv.next();
                } catch (Csv.MalformedCsv e) {
                    rejected.add(new Rejected(e.line, e.getMessage()));
                    break;
                }
                if (rec == null) {
                    break;
                }
                try {
                    ImportRow row = parse(header, rec);
                    if (!seenOrders.add(row.order().orderId())) {
                        rejected.add(new Rejected(rec.line(), "orderId " + row.order().orderId() + " appears twice in this file"));
                        continue;
                    }
                    batch.add(row);
                } catch (RowProblem p) {
                    rejected.add(new Rejected(rec.line(), p.getMessage()));
                }
                if (batch.size() == batchSize) {
                    accepted += finish(inFlight, rejected);
                    inFlight = start(batch);
                    batch = new ArrayList<>(batchSize);
                }
            }
            accepted += finish(inFlight, rejected);
            inFlight = null;
            if (!batch.isEmpty()) {
                accepted += finish(start(batch), rejected);
            }
        } catch (CharacterCodingException e) {
            rejected.add(new Rejected(-1, "the file is not valid UTF-8; reading stopped"));
        } catch (IOException e) {
            finish(inFlight, rejected);
            throw new IllegalStateException("cannot read the import body", e);
        }
        // a batch still being written when reading stopped early (invalid UTF-8) is counted all the same
        accepted += finish(inFlight, rejected);
        rejected.sort(java.util.Comparator.comparingLong(Rejected::line));
        return new Report(accepted, rejected);
    }

    /** A batch being written: its future count and the lines it rejected (read only after the future is done). */
    private record InFlight(List<ImportRow> batch, List<Rejected> known, java.util.concurrent.CompletableFuture<Integer> done) {
    }

    private InFlight start(List<ImportRow> batch) {
        List<Rejected> known = new ArrayList<>();
        return new InFlight(batch, known, tx.run(conn -> writeBatch(conn, batch, known)).subscribeAsCompletionStage());
    }

    /** Waits (on this worker thread) for the batch in flight and merges its outcome into the report. */
    private int finish(InFlight f, List<Rejected> rejected) {
        if (f == null) {
            return 0;
        }
        try {
            int n = f.done().get(2, java.util.concurrent.TimeUnit.MINUTES);
            rejected.addAll(f.known());
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            List<ImportRow> batch = f.batch();
            String reason = "batch of lines " + batch.get(0).line() + "-" + batch.get(batch.size() - 1).line()
                    + " could not be stored: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            batch.forEach(r -> rejected.add(new Rejected(r.line(), reason)));
            return 0;
        }
    }

    private Uni<Integer> writeBatch(SqlConnection conn, List<ImportRow> rows, List<Rejected> known) {
        String[] orderIds = rows.stream().map(r -> r.order().orderId()).toArray(String[]::new);
        String[] storeIds = rows.stream().map(r -> r.order().storeId()).distinct().toArray(String[]::new);
        OffsetDateTime now = Times.utc(clock.instant());
        return conn.preparedQuery("INSERT INTO store (id, name, status, created_at, updated_at) "
                        + "SELECT s, s, 'UNCONFIGURED', $2, $2 FROM unnest($1::text[]) AS s ON CONFLICT (id) DO NOTHING RETURNING id")
                .execute(Tuple.of(storeIds, now))
                .flatMap(created -> {
                    List<EventOutbox.Pending> storeEvents = new ArrayList<>();
                    for (Row r : created) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("storeId", r.getString("id"));
                        e.put("name", r.getString("id"));
                        e.put("city", null);
                        e.put("regionId", null);
                        e.put("status", "UNCONFIGURED");
                        storeEvents.add(new EventOutbox.Pending("StoreUpserted", e));
                    }
                    return outbox.appendAll(conn, storeEvents);
                })
                .flatMap(x -> conn.preparedQuery("SELECT id, region_id FROM store WHERE id = ANY($1)").execute(Tuple.of((Object) storeIds)))
                .flatMap(regions -> {
                    Map<String, String> regionOf = new HashMap<>();
                    regions.forEach(r -> regionOf.put(r.getString("id"), r.getString("region_id")));
                    return conn.preparedQuery("SELECT order_id FROM service_order WHERE order_id = ANY($1)")
                            .execute(Tuple.of((Object) orderIds))
                            .flatMap(existing -> {
                                Set<String> dup = new HashSet<>();
                                existing.forEach(r -> dup.add(r.getString("order_id")));
                                List<ImportRow> fresh = new ArrayList<>();
                                for (ImportRow r : rows) {
                                    if (dup.contains(r.order().orderId())) {
                                        known.add(new Rejected(r.line(), "orderId " + r.order().orderId() + " is already known"));
                                    } else {
                                        fresh.add(r);
                                    }
                                }
                                return insert(conn, fresh, regionOf, now);
                            });
                });
    }

    private Uni<Integer> insert(SqlConnection conn, List<ImportRow> rows, Map<String, String> regionOf, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = rows.size();
        String secret = config.customerKey().secret();
        String[] oid = new String[n], sid = new String[n], payload = new String[n], ckey = new String[n],
                pkey = new String[n], cid = new String[n], phone = new String[n], name = new String[n], seg = new String[n];
        OffsetDateTime[] closed = new OffsetDateTime[n], answered = new OffsetDateTime[n], occurred = new OffsetDateTime[n];
        UUID[] rid = new UUID[n], eid = new UUID[n];
        String[] advisor = new String[n], comment = new String[n], masked = new String[n], ratings = new String[n],
                reasons = new String[n], hash = new String[n], types = new String[n], data = new String[n];
        Short[] score = new Short[n];
        Long[] since = new Long[n];
        List<StoredResponse> stored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ImportRow r = rows.get(i);
            OrderInput o = r.order();
            Map<String, Object> segment = Segments.of(o, regionOf.get(o.storeId()), config.spendBand());
            oid[i] = o.orderId();
            sid[i] = o.storeId();
            payload[i] = outbox.toJson(o);
            ckey[i] = Keys.customerKey(secret, o.customer().phone());
            pkey[i] = Keys.plateKey(secret, o.customer().plate());
            cid[i] = o.customer().id();
            phone[i] = o.customer().phone();
            name[i] = o.customer().name();
            seg[i] = outbox.toJson(segment);
            closed[i] = o.closedAt();
            answered[i] = r.answeredAt();
            occurred[i] = now;
            rid[i] = UUID.randomUUID();
            eid[i] = UUID.randomUUID();
            advisor[i] = o.advisorId();
            comment[i] = ResponseService.comment(r.answer());
            masked[i] = CommentMasker.mask(comment[i]);
            Map<String, Integer> rm = ResponseService.ratingsMap(r.answer().ratings());
            ratings[i] = outbox.toJson(rm);
            List<String> rs = ResponseService.reasons(r.answer());
            reasons[i] = String.join(",", rs);
            hash[i] = ResponseService.answerHash(r.answer());
            score[i] = r.answer().score().shortValue();
            since[i] = Duration.between(o.closedAt(), r.answeredAt()).getSeconds();
            types[i] = "ResponseSubmitted";
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("responseId", rid[i].toString());
            e.put("invitationId", null);
            e.put("orderId", o.orderId());
            e.putAll(segment);
            e.put("customerKey", ckey[i]);
            e.put("plateKey", pkey[i]);
            e.put("score", (int) score[i]);
            e.put("category", ResponseService.category(score[i]));
            e.put("ratings", rm);
            e.put("reasons", rs);
            e.put("comment", masked[i]);
            e.put("channel", "IMPORT");
            e.put("closedAt", Times.iso(o.closedAt().toInstant(), config.zone()));
            e.put("answeredAt", Times.iso(r.answeredAt().toInstant(), config.zone()));
            e.put("secondsSinceClose", since[i]);
            e.put("flags", List.of());
            e.put("resurvey", false);
            if (score[i] >= 9) {
                e.put("displayName", Keys.maskName(o.customer().name()));
            }
            data[i] = outbox.toJson(e);
            stored.add(new StoredResponse(rid[i], null, oid[i], sid[i], cid[i], ckey[i], score[i],
                    r.answeredAt().toInstant(), rs, rm, comment[i], false, "IMPORT"));
        }
        return conn.preparedQuery("INSERT INTO service_order (order_id, store_id, source, payload, closed_at, customer_key, "
                        + "plate_key, customer_id, customer_phone, customer_name, segment, invited, received_at) "
                        + "SELECT o, s, 'IMPORT', p, c, k, pk, ci, ph, nm, sg::jsonb, FALSE, $11 FROM unnest($1::text[], "
                        + "$2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], "
                        + "$9::text[], $10::text[]) AS t(o, s, p, c, k, pk, ci, ph, nm, sg)")
                .execute(io.npsloop.survey.common.Sql.t(oid, sid, payload, closed, ckey, pkey, cid, phone, name, seg, now))
                .flatMap(x -> conn.preparedQuery("INSERT INTO response (id, order_id, store_id, advisor_id, customer_key, score, "
                                + "comment, comment_masked, ratings, reasons, channel, answered_at, closed_at, seconds_since_close, "
                                + "answer_hash) SELECT i, o, s, a, k, sc, c, m, r::jsonb, "
                                + "CASE WHEN rs = '' THEN '{}'::text[] ELSE string_to_array(rs, ',') END, 'IMPORT', an, cl, se, h "
                                + "FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int2[], $7::text[], "
                                + "$8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::int8[], "
                                + "$14::text[]) AS t(i, o, s, a, k, sc, c, m, r, rs, an, cl, se, h)")
                        .execute(io.npsloop.survey.common.Sql.t(rid, oid, sid, advisor, ckey, score, comment, masked, ratings,
                                reasons, answered, closed, since, hash)))
                .flatMap(x -> conn.preparedQuery("INSERT INTO feed_event (event_id, type, occurred_at, data) "
                                + "SELECT e, t, o, d::jsonb FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) "
                                + "AS x(e, t, o, d) ORDER BY d::jsonb->>'answeredAt'")
                        .execute(Tuple.of(eid, types, occurred, data)))
                .flatMap(x -> responses.notifyListeners(stored))
                .map(x -> n);
    }

    /** A row-level rejection reason. */
    static final class RowProblem extends RuntimeException {
        RowProblem(String msg) {
            super(msg, null, false, false);
        }
    }

    static ImportRow parse(Map<String, Integer> header, Csv.Record rec) {
        java.util.function.Function<String, String> col = n -> {
            Integer i = header.get(n);
            if (i == null || i >= rec.fields().size()) {
                return null;
            }
            String v = rec.fields().get(i);
            return v.isBlank() ? null : v.strip();
        };
        for (String r : REQUIRED) {
            if (col.apply(r) == null) {
                throw new RowProblem(r + " is required");
            }
        }
        String orderId = text(col.apply("orderId"), "orderId", 64);
        String storeId = col.apply("storeId");
        if (!STORE_ID.matcher(storeId).matches()) {
            throw new RowProblem("storeId must be 1-64 letters, digits, '_' or '-'");
        }
        OffsetDateTime closedAt = time(col.apply("closedAt"), "closedAt");
        OffsetDateTime answeredAt = time(col.apply("answeredAt"), "answeredAt");
        if (answeredAt.isBefore(closedAt)) {
            throw new RowProblem("answeredAt must not be before closedAt");
        }
        String phone = col.apply("phone");
        String digits = Keys.normalisePhone(phone);
        if (!PHONE.matcher(phone).matches() || digits.length() < 5 || digits.length() > 15) {
            throw new RowProblem("phone must be a phone number");
        }
        Integer score = integer(col.apply("score"), "score", 0, 10);
        String comment = col.apply("comment");
        if (comment != null && comment.codePointCount(0, comment.length()) > 2000) {
            throw new RowProblem("comment must be at most 2000 characters");
        }
        // PostgreSQL text cannot hold NUL: left to the database it would fail the whole batch, not just this row.
        for (String name : header.keySet()) {
            String v = col.apply(name);
            if (v != null && v.indexOf('\u0000') >= 0) {
                throw new RowProblem(name + " must not contain NUL characters");
            }
        }
        List<String> reasons = new ArrayList<>();
        String rs = col.apply("reasons");
        if (rs != null) {
            for (String t : TAG_SEPARATOR.split(rs)) {
                String tag = t.strip().toUpperCase(Locale.ROOT);
                if (!ReasonTags.ALL.contains(tag)) {
                    throw new RowProblem("reasons: " + t.strip() + " is not a known tag");
                }
                reasons.add(tag);
            }
        }
        Long amount = (long) integer(col.apply("amountCents"), "amountCents", 0, Integer.MAX_VALUE);
        Integer tenure = col.apply("tenureMonths") == null ? null : integer(col.apply("tenureMonths"), "tenureMonths", 0, 1200);
        OrderInput.Customer customer = new OrderInput.Customer(text(col.apply("customerId"), "customerId", 64), phone,
                text(col.apply("name"), "name", 100), tenure, text(col.apply("regionCode"), "regionCode", 32),
                col.apply("locality") == null ? null : enumOf(Locality.class, col.apply("locality"), "locality"),
                text(col.apply("ageBand"), "ageBand", 32), text(col.apply("gender"), "gender", 32),
                text(col.apply("occupation"), "occupation", 64), text(col.apply("plate"), "plate", 16), null);
        OrderInput order = new OrderInput(orderId, storeId, text(col.apply("advisorId"), "advisorId", 64),
                text(col.apply("technicianId"), "technicianId", 64), closedAt,
                enumOf(ServiceType.class, col.apply("serviceType"), "serviceType"),
                enumOf(PaymentType.class, col.apply("paymentType"), "paymentType"),
                enumOf(VisitKind.class, col.apply("visitKind"), "visitKind"), amount, customer);
        ResponseInput answer = new ResponseInput(score, comment, new ResponseInput.Ratings(
                rating(col.apply("responseSpeed"), "responseSpeed"), rating(col.apply("professionalism"), "professionalism"),
                rating(col.apply("transparency"), "transparency"), rating(col.apply("care"), "care")),
                new ArrayList<>(new LinkedHashSet<>(reasons)));
        return new ImportRow(rec.line(), order, answer, answeredAt);
    }

    private static Integer rating(String v, String name) {
        return v == null ? null : integer(v, name, 1, 5);
    }

    private static String text(String v, String name, int max) {
        if (v != null && v.length() > max) {
            throw new RowProblem(name + " must be at most " + max + " characters");
        }
        return v;
    }

    private static int integer(String v, String name, int min, int max) {
        if (!INTEGER.matcher(v).matches()) {
            throw new RowProblem(name + " must be an integer from " + min + " to " + max);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new RowProblem(name + " must be an integer from " + min + " to " + max);
        }
        return (int) n;
    }

    private static OffsetDateTime time(String v, String name) {
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new RowProblem(name + " must be an ISO-8601 instant with offset (2026-11-23T10:00:00+08:00)");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String name) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw new RowProblem(name + " must be one of " + String.join(", ", names));
        }
    }

}
