package io.npsloop.referral.booking;

import io.npsloop.referral.code.CodeGenerator;
import io.npsloop.referral.code.CustomerKeys;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.npsloop.referral.feed.Outbox;
import io.npsloop.referral.landing.ClickToken;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.referral.problem.RuleViolationException;
import io.npsloop.referral.problem.ThrottledException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bookings and attribution. In one transaction, with the code's row locked (serialising bookings per code):
 * validate, apply the fraud rules in contract order (SELF_REFERRAL, KNOWN_CUSTOMER, ALREADY_REFERRED), the
 * per-code velocity limit, the attribution window, then insert the booking and its ReferralBooked event.
 */
@ApplicationScoped
public class BookingService {

    @RegisterForReflection
    public record ReferralBooked(UUID bookingId, String code, String storeId, String promoterStoreId, String promoterKey,
                                 String refereeKey, String status, String via, OffsetDateTime clickedAt,
                                 OffsetDateTime preferredTime, long discountCents, OffsetDateTime bookedAt) {
    }

    private final Pool pool;
    private final CustomerKeys keys;
    private final ClickToken tokens;
    private final Outbox outbox;
    private final Times times;
    private final ReferralConfig.Referral cfg;

    BookingService(Pool pool, CustomerKeys keys, ClickToken tokens, Outbox outbox, Times times, ReferralConfig config) {
        this.pool = pool;
        this.keys = keys;
        this.tokens = tokens;
        this.outbox = outbox;
        this.times = times;
        this.cfg = config.referral();
    }

    public Uni<BookingResult> book(String rawCode, BookingRequest req, String visitorHash) {
        String code = CodeGenerator.canonical(rawCode);
        if (code == null) {
            return Uni.createFrom().failure(ProblemException.notFound("No such referral code."));
        }
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT customer_key, store_id, status FROM referral_code WHERE code = $1 FOR UPDATE")
                .execute(Tuple.of(code))
                .chain(rows -> {
                    if (rows.rowCount() == 0 || !"ACTIVE".equals(rows.iterator().next().getString("status"))) {
                        throw ProblemException.notFound("No such referral code.");
                    }
                    Row c = rows.iterator().next();
                    return validate(tx, req).chain(() -> book(tx, code, c.getString("customer_key"), c.getString("store_id"),
                            req, visitorHash));
                }))
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        ? new RuleViolationException("ALREADY_REFERRED", "This phone number has already been referred.")
                        : e);
    }

    private Uni<Void> validate(SqlClient tx, BookingRequest req) {
        List<Problem.InvalidParam> bad = new ArrayList<>();
        Instant now = times.now();
        if (req == null) {
            throw ProblemException.invalid("body", "is required");
        }
        if (req.name() == null || req.name().isBlank() || req.name().strip().length() > 40) {
            bad.add(new Problem.InvalidParam("name", "is required, at most 40 characters"));
        }
        if (!CustomerKeys.isMainlandMobile(req.phone())) {
            bad.add(new Problem.InvalidParam("phone", "must be a mainland China mobile number (11 digits starting 13–19)"));
        }
        if (req.preferredTime() == null) {
            bad.add(new Problem.InvalidParam("preferredTime", "is required"));
        } else if (!req.preferredTime().toInstant().isAfter(now)) {
            bad.add(new Problem.InvalidParam("preferredTime", "must be in the future"));
        } else if (req.preferredTime().toInstant().isAfter(now.plus(cfg.maxBookingAhead()))) {
            bad.add(new Problem.InvalidParam("preferredTime", "must be within " + cfg.maxBookingAhead().toDays() + " days"));
        }
        if (req.plate() != null && !req.plate().isBlank() && !CustomerKeys.isPlate(req.plate())) {
            bad.add(new Problem.InvalidParam("plate", "is not a vehicle plate"));
        }
        Uni<Boolean> storeOk = req.storeId() == null || req.storeId().isBlank()
                ? Uni.createFrom().item(false)
                : tx.preparedQuery("SELECT 1 FROM store WHERE store_id = $1 AND status = 'ACTIVE'").execute(Tuple.of(req.storeId()))
                        .map(r -> r.rowCount() == 1);
        return storeOk.map(ok -> {
            if (!ok) {
                bad.add(new Problem.InvalidParam("storeId", "must be an active store"));
            }
            if (!bad.isEmpty()) {
                bad.sort((a, b) -> a.name().compareTo(b.name()));
                throw new ProblemException(Problem.invalid(bad.stream().map(b -> b.name() + " " + b.reason())
                        .reduce((a, b) -> a + "; " + b).orElse(""), bad));
            }
            return null;
        }).replaceWithVoid();
    }

    private Uni<BookingResult> book(SqlClient tx, String code, String promoterKey, String promoterStore, BookingRequest req,
                                    String visitorHash) {
        String refereeKey = keys.customerKey(req.phone());
        String plateKey = req.plate() == null || req.plate().isBlank() ? null : keys.plateKey(req.plate());
        Instant now = times.now();
        return rules(tx, promoterKey, refereeKey, plateKey)
                .chain(() -> velocity(tx, code, now))
                .chain(() -> clickedAt(tx, code, req.clickToken(), visitorHash, now))
                .chain(click -> {
                    boolean attributed = click.isPresent() && !click.get().at().isAfter(now)
                            && !now.isAfter(click.get().at().plus(cfg.window()));
                    String status = attributed ? "PENDING" : "UNATTRIBUTED";
                    long discount = attributed ? cfg.discountCents() : 0;
                    String via = click.map(ClickToken.Click::via).orElse("API");
                    OffsetDateTime clickedAt = click.map(k -> times.zoned(k.at())).orElse(null);
                    UUID id = UUID.randomUUID();
                    return tx.preparedQuery("""
                                    INSERT INTO booking (id, code, store_id, name, phone, referee_key, plate_key, preferred_time, status,
                                                         via, clicked_at, discount_cents, created_at)
                                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                            .execute(Tuple.from(java.util.Arrays.asList(id, code, req.storeId(), req.name().strip(),
                                    CustomerKeys.normalisePhone(req.phone()), refereeKey, plateKey, req.preferredTime(), status, via,
                                    clickedAt, discount, times.zoned(now))))
                            .chain(() -> outbox.append(tx, "ReferralBooked", new ReferralBooked(id, code, req.storeId(), promoterStore,
                                    promoterKey, refereeKey, status, via, clickedAt, times.zoned(req.preferredTime()), discount,
                                    times.zoned(now))))
                            .replaceWith(new BookingResult(id, id, code, status, req.storeId(), discount));
                });
    }

    private Uni<Void> rules(SqlClient tx, String promoterKey, String refereeKey, String plateKey) {
        return tx.preparedQuery("""
                        SELECT ($1::text IS NOT NULL AND $1 = $2)
                               OR ($3::text IS NOT NULL AND EXISTS (SELECT 1 FROM customer_plate WHERE customer_key = $1 AND plate_key = $3))
                                   AS self_referral,
                               EXISTS (SELECT 1 FROM known_customer WHERE customer_key = $2) AS known,
                               EXISTS (SELECT 1 FROM booking WHERE referee_key = $2 AND status IN ('PENDING', 'CONVERTED')) AS referred""")
                .execute(Tuple.of(promoterKey, refereeKey, plateKey))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getBoolean("self_referral")) {
                        throw new RuleViolationException("SELF_REFERRAL", "A promoter cannot book with their own referral code.");
                    }
                    if (r.getBoolean("known")) {
                        throw new RuleViolationException("KNOWN_CUSTOMER", "This phone number already belongs to a customer.");
                    }
                    if (r.getBoolean("referred")) {
                        throw new RuleViolationException("ALREADY_REFERRED", "This phone number has already been referred.");
                    }
                    return null;
                }).replaceWithVoid();
    }

    private Uni<Void> velocity(SqlClient tx, String code, Instant now) {
        Duration period = cfg.velocityPeriod();
        return tx.preparedQuery("""
                        SELECT count(*) AS n, min(created_at) AS oldest FROM booking
                         WHERE code = $1 AND status IN ('PENDING', 'CONVERTED') AND created_at > $2""")
                .execute(Tuple.of(code, times.zoned(now.minus(period))))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getLong("n") >= cfg.velocityMaxBookings()) {
                        Instant freeAt = r.getOffsetDateTime("oldest").toInstant().plus(period);
                        throw new ThrottledException(Duration.between(now, freeAt).toSeconds() + 1,
                                "This referral code has reached its booking limit for now.");
                    }
                    return null;
                }).replaceWithVoid();
    }

    /** The click this booking follows: the signed token of the landing page, else this visitor's latest stored click. */
    private Uni<Optional<ClickToken.Click>> clickedAt(SqlClient tx, String code, String token, String visitorHash, Instant now) {
        Optional<ClickToken.Click> signed = tokens.verify(token, code);
        if (signed.isPresent()) {
            return Uni.createFrom().item(signed);
        }
        if (visitorHash == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return tx.preparedQuery("""
                        SELECT click_id, via, clicked_at FROM click WHERE code = $1 AND visitor_hash = $2 AND clicked_at <= $3
                         ORDER BY clicked_at DESC LIMIT 1""")
                .execute(Tuple.of(code, visitorHash, times.zoned(now)))
                .map(rows -> rows.rowCount() == 0 ? Optional.<ClickToken.Click>empty()
                        : Optional.of(new ClickToken.Click(code, rows.iterator().next().getOffsetDateTime("clicked_at").toInstant(),
                        rows.iterator().next().getString("via"), rows.iterator().next().getUUID("click_id"))));
    }
}
