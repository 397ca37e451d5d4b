package io.npsloop.survey.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.common.Keys;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.survey.directory.DirectoryService;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.invitation.Tokens;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.webhook.DeliveryOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Order intake in one transaction: idempotency by orderId, unknown store → UNCONFIGURED, contact rules, the
 * invitation, its webhook delivery and the feed events (OrderCompleted, InvitationCreated | InvitationSuppressed).
 */
@ApplicationScoped
public class OrderService {

    private final Tx tx;
    private final NpsloopConfig config;
    private final DirectoryService directory;
    private final EventOutbox outbox;
    private final DeliveryOutbox deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    OrderService(Tx tx, NpsloopConfig config, DirectoryService directory, EventOutbox outbox, DeliveryOutbox deliveries,
                 ObjectMapper json, Clock clock) {
        this.tx = tx;
        this.config = config;
        this.directory = directory;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /** The answer of the intake: HTTP status (201 new, 200 retry, 202 suppressed) and body. */
    public record Intake(int status, Object body, UUID invitationId) {
    }

    public record Invited(UUID invitationId, String token, String surveyUrl, String expiresAt, boolean invited) {
    }

    public record Suppressed(String orderId, boolean invited, String suppressedBy, String nextEligibleAt) {
    }

    /** Intake of an order that passed {@link OrderValidation}. */
    public Uni<Intake> intake(OrderInput order) {
        String payload = canonical(order);
        String customerKey = Keys.customerKey(config.customerKey().secret(), order.customer().phone());
        return intakeOnce(order, payload, customerKey)
                .onFailure(OrderService::uniqueViolation).recoverWithUni(e -> intakeOnce(order, payload, customerKey));
    }

    private Uni<Intake> intakeOnce(OrderInput order, String payload, String customerKey) {
        Tuple first = Tuple.from(Arrays.asList(order.orderId(), order.storeId(), Times.utc(clock.instant()), customerKey,
                Boolean.TRUE.equals(order.customer().doNotSurvey())));
        return tx.run(List.of(Tx.Opening.prepared(FIRST, first)),
                (conn, opened) -> intake(conn, order, payload, customerKey, opened.get(0).iterator().next()));
    }

    /**
     * First round trip (sent with BEGIN by Tx), one statement: the store (created UNCONFIGURED when unknown), the
     * customer's contact row, and the replay check. On a replay the first two change nothing (the store exists since
     * the first report, the do-not-survey flag is part of the identical payload) or roll back with the 409.
     */
    static final String FIRST = "WITH " + DirectoryService.ensureStoreCte(2, 3) + ", "
            + "contact_row AS (INSERT INTO contact (customer_key, do_not_survey) VALUES ($4, $5) ON CONFLICT (customer_key) "
            + "DO UPDATE SET do_not_survey = contact.do_not_survey OR EXCLUDED.do_not_survey "
            + "RETURNING last_invited_at, opted_out_at, do_not_survey) "
            + "SELECT e.known, e.payload, e.invited, e.suppressed_by, e.next_eligible_at, e.id, e.token, e.expires_at, "
            + "c.last_invited_at, c.opted_out_at, c.do_not_survey, " + DirectoryService.ensureStoreColumns(2)
            + " FROM contact_row c LEFT JOIN (SELECT o.order_id AS known, o.payload, o.invited, o.suppressed_by, "
            + "o.next_eligible_at, i.id, i.token, i.expires_at FROM service_order o "
            + "LEFT JOIN invitation i ON i.order_id = o.order_id WHERE o.order_id = $1) e ON TRUE";

    private Uni<Intake> intake(SqlConnection conn, OrderInput order, String payload, String customerKey, Row r) {
        if (r.getString("known") != null) {
            return Uni.createFrom().item(replay(r, order, payload));
        }
        if (r.getBoolean("store_created")) {
            return directory.publishCreated(conn, order.storeId())
                    .flatMap(x -> create(conn, order, payload, customerKey, null, r));
        }
        return create(conn, order, payload, customerKey, r.getString("region_id"), r);
    }

    private Intake replay(Row r, OrderInput order, String payload) {
        if (!payload.equals(r.getString("payload"))) {
            throw ProblemException.conflict("Order " + order.orderId() + " was already reported with different content.");
        }
        if (r.getBoolean("invited")) {
            UUID id = r.getUUID("id");
            return new Intake(200, invited(id, r.getString("token"), Times.instant(r, "expires_at")), id);
        }
        return new Intake(202, new Suppressed(order.orderId(), false, r.getString("suppressed_by"),
                Times.iso(Times.instant(r, "next_eligible_at"), config.zone())), null);
    }

    private Invited invited(UUID id, String token, Instant expiresAt) {
        return new Invited(id, token, surveyUrl(token), Times.iso(expiresAt, config.zone()), true);
    }

    public String surveyUrl(String token) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/s/" + token;
    }

    private Uni<Intake> create(SqlConnection conn, OrderInput order, String payload, String customerKey, String regionId,
                               Row c) {
        Instant now = clock.instant();
        String plateKey = Keys.plateKey(config.customerKey().secret(), order.customer().plate());
        boolean optedOut = c.getValue("opted_out_at") != null || c.getBoolean("do_not_survey");
        ContactRules.Decision d = ContactRules.decide(now, Times.instant(c, "last_invited_at"),
                optedOut, config.contact().quietPeriod());
        String segment = outbox.toJson(Segments.of(order, regionId, config.spendBand()));
        List<Object> stored = orderValues(order, payload, customerKey, plateKey, segment, d, now);
        return d.invite() ? invite(conn, order, stored, now) : suppress(conn, order, stored, d);
    }

    /**
     * The order row ($1–$14); each outcome writes it in one statement together with what follows from it (the
     * invitation, the contact's last invitation and the events, or just the events). It returns its segment, parsed
     * once, for the events.
     */
    static final String INSERT_ORDER = "INSERT INTO service_order (order_id, store_id, source, payload, closed_at, "
            + "customer_key, plate_key, customer_id, customer_phone, customer_name, segment, invited, suppressed_by, "
            + "next_eligible_at, received_at) VALUES ($1, $2, 'API', $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, "
            + "$12, $13, $14) RETURNING segment";
    /**
     * The OrderCompleted event ($15 its id, $16 closedAt in the chain zone), built by the statement from the stored
     * order: the segment crosses the wire once and is the base of every event that carries it, instead of being
     * written into each.
     */
    static final String ORDER_COMPLETED = "SELECT $15::uuid, 'OrderCompleted', $14, s.segment || jsonb_build_object("
            + "'orderId', $1::text, 'closedAt', $16::text, 'customerKey', $5::text, 'plateKey', $6::text, "
            + "'invited', $11::boolean) FROM stored s";
    /**
     * The order, its invitation ($17 id, $18 token, $19 expiry, $20 expiry in the chain zone, $21 creation in the
     * chain zone; created at $14), the contact's last invitation, OrderCompleted and InvitationCreated ($22).
     */
    static final String INSERT_INVITED = "WITH stored AS (" + INSERT_ORDER + "), "
            + "invited AS (INSERT INTO invitation (id, token, order_id, store_id, customer_key, status, created_at, expires_at) "
            + "VALUES ($17::uuid, $18, $1, $2, $5, 'PENDING', $14, $19)), "
            + "contacted AS (UPDATE contact SET last_invited_at = $14 WHERE customer_key = $5) "
            + "INSERT INTO feed_event (event_id, type, occurred_at, data) " + ORDER_COMPLETED + " UNION ALL "
            + "SELECT $22::uuid, 'InvitationCreated', $14, s.segment || jsonb_build_object('invitationId', $17::uuid, "
            + "'orderId', $1::text, 'expiresAt', $20::text, 'createdAt', $21::text, 'customerKey', $5::text) FROM stored s";
    /** The order, OrderCompleted and InvitationSuppressed ($17), for an order a contact rule suppressed. */
    static final String INSERT_SUPPRESSED = "WITH stored AS (" + INSERT_ORDER + ") "
            + "INSERT INTO feed_event (event_id, type, occurred_at, data) " + ORDER_COMPLETED + " UNION ALL "
            + "SELECT $17::uuid, 'InvitationSuppressed', $14, jsonb_build_object('orderId', $1::text, 'storeId', $2::text, "
            + "'serviceType', s.segment -> 'serviceType', 'closedAt', $16::text, 'suppressedBy', $12::text) FROM stored s";

    /** The parameters $1–$16 shared by both outcomes. */
    private List<Object> orderValues(OrderInput o, String payload, String customerKey, String plateKey,
                                     String segment, ContactRules.Decision d, Instant now) {
        return new ArrayList<>(Arrays.asList(o.orderId(), o.storeId(), payload, o.closedAt(), customerKey, plateKey,
                o.customer().id(), o.customer().phone(), o.customer().name(), segment, d.invite(),
                d.suppressedBy(), Times.utc(d.nextEligibleAt()), Times.utc(now), UUID.randomUUID(),
                Times.iso(o.closedAt().toInstant(), config.zone())));
    }

    private Uni<Intake> invite(SqlConnection conn, OrderInput o, List<Object> values, Instant now) {
        UUID id = UUID.randomUUID();
        String token = Tokens.newToken();
        Instant expiresAt = now.plus(config.invitations().ttl());
        String expires = Times.iso(expiresAt, config.zone());
        values.addAll(Arrays.asList(id, token, Times.utc(expiresAt), expires, Times.iso(now, config.zone()),
                UUID.randomUUID()));
        Uni<?> stored = conn.preparedQuery(INSERT_INVITED).execute(Tuple.from(values));
        if (deliveries.enabled()) {
            // pipelined: the delivery row goes out right behind the statement
            stored = Uni.combine().all().unis(stored,
                    deliveries.enqueue(conn, "INVITATION", id, "invitation-" + id, delivery(o, id, token, expires)))
                    .discardItems();
        }
        return stored.map(x -> new Intake(201, new Invited(id, token, surveyUrl(token), expires, true), id));
    }

    /** The outbound webhook's invitation message: the only place the customer's phone and name leave the service. */
    private Map<String, Object> delivery(OrderInput o, UUID id, String token, String expiresAt) {
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("type", "INVITATION");
        delivery.put("invitationId", id.toString());
        delivery.put("orderId", o.orderId());
        delivery.put("storeId", o.storeId());
        delivery.put("phone", o.customer().phone());
        delivery.put("name", o.customer().name());
        delivery.put("surveyUrl", surveyUrl(token));
        delivery.put("expiresAt", expiresAt);
        return delivery;
    }

    private Uni<Intake> suppress(SqlConnection conn, OrderInput o, List<Object> values, ContactRules.Decision d) {
        values.add(UUID.randomUUID());
        return conn.preparedQuery(INSERT_SUPPRESSED).execute(Tuple.from(values))
                .map(x -> new Intake(202, new Suppressed(o.orderId(), false, d.suppressedBy(),
                        Times.iso(d.nextEligibleAt(), config.zone())), null));
    }

    /**
     * Recovery re-survey (called by recovery.ResurveyJob inside its transaction): a follow-up invitation for the
     * customer of an earlier order, as a new order row {@code followUpOrderId} copying the original (same store,
     * segment, closedAt). The quiet period does not apply; an opt-out does. Answers the invitation id, or null when
     * the original order is unknown, its contact data was erased or the customer opted out. Idempotent.
     */
    public Uni<UUID> followUp(SqlConnection conn, String originalOrderId, String followUpOrderId) {
        return conn.preparedQuery("SELECT o.payload, o.customer_phone, c.opted_out_at, c.do_not_survey, "
                        + "f.order_id AS existing, i.id AS existing_invitation FROM service_order o "
                        + "LEFT JOIN contact c ON c.customer_key = o.customer_key "
                        + "LEFT JOIN service_order f ON f.order_id = $2 LEFT JOIN invitation i ON i.order_id = $2 "
                        + "WHERE o.order_id = $1").execute(Tuple.of(originalOrderId, followUpOrderId))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().<UUID>nullItem();
                    }
                    Row r = rows.iterator().next();
                    if (r.getString("existing") != null) {
                        return Uni.createFrom().item(r.getUUID("existing_invitation"));
                    }
                    if (r.getString("customer_phone") == null || r.getValue("opted_out_at") != null
                            || Boolean.TRUE.equals(r.getBoolean("do_not_survey"))) {
                        return Uni.createFrom().<UUID>nullItem();
                    }
                    OrderInput orig;
                    try {
                        orig = json.readValue(r.getString("payload"), OrderInput.class);
                    } catch (java.io.IOException e) {
                        return Uni.createFrom().<UUID>nullItem();
                    }
                    OrderInput o = new OrderInput(followUpOrderId, orig.storeId(), orig.advisorId(), orig.technicianId(),
                            orig.closedAt(), orig.serviceType(), orig.paymentType(), orig.visitKind(), orig.amountCents(),
                            orig.customer());
                    Instant now = clock.instant();
                    String secret = config.customerKey().secret();
                    String customerKey = Keys.customerKey(secret, o.customer().phone());
                    String plateKey = Keys.plateKey(secret, o.customer().plate());
                    return directory.ensureStore(conn, o.storeId()).flatMap(regionId -> {
                        String segment = outbox.toJson(Segments.of(o, regionId, config.spendBand()));
                        List<Object> stored = orderValues(o, canonical(o), customerKey, plateKey, segment,
                                new ContactRules.Decision(null, null), now);
                        return invite(conn, o, stored, now).map(Intake::invitationId);
                    });
                });
    }

    private String canonical(OrderInput order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean uniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
