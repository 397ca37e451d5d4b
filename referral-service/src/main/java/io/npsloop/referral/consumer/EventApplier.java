package io.npsloop.referral.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.npsloop.referral.code.CodeService;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.npsloop.referral.feed.Outbox;
import io.npsloop.referral.landing.StoreDirectory;
import io.npsloop.referral.reward.RewardLedger;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * What survey-service's events mean here, applied inside the consumer's transaction:
 * ResponseSubmitted 9–10 → the promoter's code (idempotent); OrderCompleted → conversion of a pending referee, then
 * the customer is known (and their plate); StoreUpserted → store names; CustomerErased → forget that customer.
 * Answers true (applied), false (a known type this service has no use for), null (unknown type: skipped).
 */
@ApplicationScoped
public class EventApplier {

    static final Set<String> IGNORED = Set.of("RegionUpserted", "InvitationCreated", "InvitationSuppressed", "InvitationOpened",
            "InvitationReminded", "InvitationExpired", "ResponseFlagged", "CaseOpened", "CaseStageCompleted", "CaseEscalated",
            "CaseClosed");

    @RegisterForReflection
    public record ReferralConverted(UUID bookingId, String code, String storeId, String promoterStoreId, String promoterKey,
                                    String refereeKey, String orderId, UUID rewardId, long rewardCents, long discountCents,
                                    OffsetDateTime convertedAt) {
    }

    private final CodeService codes;
    private final RewardLedger ledger;
    private final Outbox outbox;
    private final Times times;
    private final StoreDirectory stores;
    private final long rewardCents;
    private volatile boolean cachesDirty;

    EventApplier(CodeService codes, RewardLedger ledger, Outbox outbox, Times times, StoreDirectory stores, ReferralConfig config) {
        this.codes = codes;
        this.ledger = ledger;
        this.outbox = outbox;
        this.times = times;
        this.stores = stores;
        this.rewardCents = config.referral().rewardCents();
    }

    public Uni<Boolean> apply(SqlClient tx, SurveyEvents.Event e) {
        String type = e.type() == null ? "" : e.type();
        JsonNode d = e.data() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : e.data();
        return switch (type) {
            case "ResponseSubmitted" -> responseSubmitted(tx, d);
            case "OrderCompleted" -> orderCompleted(tx, d, e);
            case "StoreUpserted" -> storeUpserted(tx, d, e);
            case "CustomerErased" -> customerErased(tx, d);
            default -> Uni.createFrom().item(IGNORED.contains(type) ? Boolean.FALSE : null);
        };
    }

    /** After the transaction committed: caches may hold a store name or an erased code. */
    public void afterCommit(Object ignored) {
        if (cachesDirty) {
            cachesDirty = false;
            codes.forgetAll();
            stores.forget();
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Uni<Boolean> responseSubmitted(SqlClient tx, JsonNode d) {
        String key = text(d, "customerKey");
        String store = text(d, "storeId");
        String plate = text(d, "plateKey");
        JsonNode score = d.get("score");
        Uni<Void> plates = key != null && plate != null
                ? tx.preparedQuery("INSERT INTO customer_plate (customer_key, plate_key) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(key, plate)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (key == null || store == null || score == null || !score.canConvertToInt() || score.asInt() < 9) {
            return plates.replaceWith(Boolean.TRUE);
        }
        return plates.chain(() -> codes.issueOrGet(tx, key, store, text(d, "displayName"), "FEED", text(d, "responseId")))
                .replaceWith(Boolean.TRUE);
    }

    private Uni<Boolean> orderCompleted(SqlClient tx, JsonNode d, SurveyEvents.Event e) {
        String key = text(d, "customerKey");
        if (key == null) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
        String plate = text(d, "plateKey");
        String orderStore = text(d, "storeId");
        OffsetDateTime closedAt = instant(text(d, "closedAt"), instant(e.occurredAt(), times.nowZoned()));
        return tx.preparedQuery("""
                        SELECT b.id, b.code, b.discount_cents, c.customer_key AS promoter_key, c.store_id AS promoter_store
                          FROM booking b JOIN referral_code c ON c.code = b.code
                         WHERE b.referee_key = $1 AND b.status = 'PENDING' AND b.created_at <= $2 FOR UPDATE OF b""")
                .execute(Tuple.of(key, closedAt))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : convert(tx, rows.iterator().next(), key, text(d, "orderId"), orderStore, closedAt))
                .chain(() -> tx.preparedQuery("INSERT INTO known_customer (customer_key, first_order_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(key, closedAt)))
                .chain(() -> plate == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO customer_plate (customer_key, plate_key) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(key, plate)).replaceWithVoid())
                .replaceWith(Boolean.TRUE);
    }

    private Uni<Void> convert(SqlClient tx, Row b, String refereeKey, String orderId, String orderStore, OffsetDateTime closedAt) {
        UUID bookingId = b.getUUID("id");
        String code = b.getString("code");
        String promoterStore = b.getString("promoter_store");
        String promoterKey = b.getString("promoter_key");
        long discount = b.getLong("discount_cents");
        return tx.preparedQuery("UPDATE booking SET status = 'CONVERTED', converted_at = $2, order_id = $3 WHERE id = $1")
                .execute(Tuple.of(bookingId, closedAt, orderId))
                .chain(() -> ledger.create(tx, bookingId, code, promoterStore, promoterKey, rewardCents))
                .chain(rewardId -> outbox.append(tx, "ReferralConverted", new ReferralConverted(bookingId, code,
                        orderStore == null ? promoterStore : orderStore, promoterStore, promoterKey, refereeKey, orderId, rewardId,
                        rewardCents, discount, times.zoned(closedAt))));
    }

    private Uni<Boolean> storeUpserted(SqlClient tx, JsonNode d, SurveyEvents.Event e) {
        String id = text(d, "storeId");
        if (id == null) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
        cachesDirty = true;
        String name = text(d, "name");
        return tx.preparedQuery("""
                        INSERT INTO store (store_id, name, city, region_id, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (store_id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, region_id = EXCLUDED.region_id,
                               status = EXCLUDED.status, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.from(Arrays.asList(id, name == null ? id : name, text(d, "city"), text(d, "regionId"),
                        text(d, "status") == null ? "ACTIVE" : text(d, "status"), instant(e.occurredAt(), times.nowZoned()))))
                .replaceWith(Boolean.TRUE);
    }

    /** Drops what this service holds about the customer: codes revoked and unlinked, bookings' name/phone/keys wiped. */
    private Uni<Boolean> customerErased(SqlClient tx, JsonNode d) {
        String key = text(d, "customerKey");
        if (key == null) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
        cachesDirty = true;
        return tx.preparedQuery("SELECT code FROM referral_code WHERE customer_key = $1 AND status = 'ACTIVE'").execute(Tuple.of(key))
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row r : rows) {
                        String code = r.getString("code");
                        chain = chain.chain(() -> codes.revoke(tx, code, "CUSTOMER_ERASED").replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> tx.preparedQuery("UPDATE referral_code SET customer_key = NULL, display_name = NULL WHERE customer_key = $1")
                        .execute(Tuple.of(key)))
                .chain(() -> tx.preparedQuery("UPDATE booking SET name = NULL, phone = NULL, referee_key = NULL, plate_key = NULL WHERE referee_key = $1")
                        .execute(Tuple.of(key)))
                .chain(() -> tx.preparedQuery("UPDATE reward SET promoter_key = NULL WHERE promoter_key = $1").execute(Tuple.of(key)))
                .chain(() -> tx.preparedQuery("DELETE FROM known_customer WHERE customer_key = $1").execute(Tuple.of(key)))
                .chain(() -> tx.preparedQuery("DELETE FROM customer_plate WHERE customer_key = $1").execute(Tuple.of(key)))
                .replaceWith(Boolean.TRUE);
    }

    private static OffsetDateTime instant(String s, OffsetDateTime fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException ex) {
            return fallback;
        }
    }
}
