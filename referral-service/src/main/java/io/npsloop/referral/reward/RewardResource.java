package io.npsloop.referral.reward;

import io.npsloop.referral.config.Times;
import io.npsloop.problem.ProblemException;
import io.npsloop.referral.security.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Managers' view of the reward ledger: STORE_MANAGER and above of the reward's store, its REGION_MANAGER, HQ. */
@Path("/api/v1/rewards")
@Produces(MediaType.APPLICATION_JSON)
public class RewardResource {

    static final Set<String> STATUSES = Set.of("PENDING", "APPROVED", "ISSUED", "REJECTED");

    @RegisterForReflection
    /** {@code total}: rewards matching the filters in the caller's scope, whatever the page (the gateway's totalCount). */
    public record Page(List<Reward> items, String next, long total) {
    }

    public record RejectRequest(String reason) {
    }

    @Inject
    Pool pool;
    @Inject
    RewardLedger ledger;
    @Inject
    JsonWebToken jwt;
    @Inject
    Times times;

    @GET
    public Uni<Page> list(@QueryParam("status") String status, @QueryParam("storeId") String storeId,
                          @QueryParam("limit") String limitParam, @QueryParam("after") String afterParam) {
        Caller caller = Caller.of(jwt);
        if (!caller.isHq() && !caller.has("REGION_MANAGER") && !caller.hasStoreRoleAtLeast("STORE_MANAGER")) {
            throw caller.forbidden();
        }
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of PENDING, APPROVED, ISSUED, REJECTED");
        }
        int limit = (int) io.npsloop.referral.stats.Params.number("limit", limitParam, 50, 1, 500);
        long after = io.npsloop.referral.stats.Params.number("after", afterParam, 0, 0, Long.MAX_VALUE);
        boolean all = caller.isHq();
        String[] stores = caller.stores().toArray(String[]::new);
        String[] regions = caller.has("REGION_MANAGER") ? caller.regions().toArray(String[]::new) : new String[0];
        if (storeId != null && !all && !caller.storeRoleAtLeast("STORE_MANAGER", storeId) && regions.length == 0) {
            throw caller.forbidden();
        }
        Uni<Long> total = pool.preparedQuery("""
                        SELECT count(*) FROM reward r LEFT JOIN store s ON s.store_id = r.store_id
                         WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.store_id = $2)
                           AND ($3 OR (r.store_id = ANY($4) AND $5) OR s.region_id = ANY($6))""")
                .execute(Tuple.from(java.util.Arrays.asList(status, storeId, all, stores,
                        caller.hasStoreRoleAtLeast("STORE_MANAGER"), regions)))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<Page> page = pool.preparedQuery("""
                        SELECT r.* FROM reward r LEFT JOIN store s ON s.store_id = r.store_id
                         WHERE r.no > $1 AND ($2::text IS NULL OR r.status = $2) AND ($3::text IS NULL OR r.store_id = $3)
                           AND ($4 OR (r.store_id = ANY($5) AND $6) OR s.region_id = ANY($7))
                         ORDER BY r.no LIMIT $8""")
                .execute(Tuple.from(java.util.Arrays.asList(after, status, storeId, all, stores,
                        caller.hasStoreRoleAtLeast("STORE_MANAGER"), regions, limit + 1)))
                .map(rows -> {
                    List<Reward> items = new ArrayList<>();
                    long last = 0;
                    boolean more = false;
                    for (Row r : rows) {
                        if (items.size() == limit) {
                            more = true;
                            break;
                        }
                        items.add(zoned(Reward.of(r, null)));
                        last = r.getLong("no");
                    }
                    return new Page(items, more ? String.valueOf(last) : null, 0);
                });
        // two statements on two pooled connections at once; the count ignores the cursor and the limit
        return Uni.combine().all().unis(page, total).with((p, n) -> new Page(p.items(), p.next(), n));
    }

    @GET
    @Path("/{id}")
    public Uni<Reward> get(@PathParam("id") String id) {
        Caller caller = Caller.of(jwt);
        UUID uuid = uuid(id);
        return pool.withTransaction(tx -> load(tx, uuid, caller, false));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    public Uni<Reward> approve(@PathParam("id") String id) {
        return move(id, "APPROVED", null);
    }

    @POST
    @Path("/{id}/issue")
    @Consumes(MediaType.WILDCARD)
    public Uni<Reward> issue(@PathParam("id") String id) {
        return move(id, "ISSUED", null);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Reward> reject(@PathParam("id") String id, RejectRequest body) {
        if (body == null || body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw ProblemException.invalid("reason", "is required, at most 500 characters");
        }
        return move(id, "REJECTED", body.reason().strip());
    }

    private Uni<Reward> move(String id, String to, String reason) {
        Caller caller = Caller.of(jwt);
        UUID uuid = uuid(id);
        return pool.withTransaction(tx -> load(tx, uuid, caller, true)
                .chain(r -> ledger.transition(tx, r, to, caller.sub() == null ? "unknown" : caller.sub(), reason))
                .chain(() -> load(tx, uuid, caller, false)));
    }

    private Uni<Reward> load(SqlClient tx, UUID id, Caller caller, boolean lock) {
        return tx.preparedQuery("SELECT r.*, s.region_id FROM reward r LEFT JOIN store s ON s.store_id = r.store_id WHERE r.id = $1"
                        + (lock ? " FOR UPDATE OF r" : ""))
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("No such reward.");
                    }
                    Row r = rows.iterator().next();
                    String store = r.getString("store_id");
                    if (!caller.isHq() && !caller.storeRoleAtLeast("STORE_MANAGER", store)
                            && !caller.regionManagerOf(r.getString("region_id"))) {
                        throw caller.forbidden();
                    }
                    return tx.preparedQuery("SELECT from_status, to_status, actor, reason, at FROM reward_audit WHERE reward_id = $1 ORDER BY id")
                            .execute(Tuple.of(id))
                            .map(audit -> {
                                List<Reward.AuditEntry> entries = new ArrayList<>();
                                audit.forEach(a -> entries.add(new Reward.AuditEntry(a.getString("from_status"), a.getString("to_status"),
                                        a.getString("actor"), a.getString("reason"), times.zoned(a.getOffsetDateTime("at")))));
                                return zoned(Reward.of(r, entries));
                            });
                });
    }

    private Reward zoned(Reward r) {
        return new Reward(r.id(), r.bookingId(), r.code(), r.storeId(), r.promoterKey(), r.amountCents(), r.status(), r.reason(),
                times.zoned(r.createdAt()), times.zoned(r.updatedAt()), r.audit());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No such reward.");
        }
    }
}
