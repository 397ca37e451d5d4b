package io.npsloop.survey.invitation;

import io.npsloop.survey.common.Params;
import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Invitations for store managers and above (never the token, never the customer, never the score): the funnel
 * state of each order's invitation.
 */
@Path("/api/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR, Roles.GENERAL_MANAGER,
        Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.SERVICE})
public class InvitationResource {

    static final List<String> STATUSES = List.of("PENDING", "OPENED", "ANSWERED", "EXPIRED");
    static final String COLUMNS = "i.id, i.order_id, i.store_id, i.status, i.open_channel, i.created_at, i.expires_at, "
            + "i.opened_at, i.reminded_at, i.answered_at, i.expired_at, s.region_id";

    private final Pool pool;
    private final Caller caller;
    private final NpsloopConfig config;

    InvitationResource(Pool pool, Caller caller, NpsloopConfig config) {
        this.pool = pool;
        this.caller = caller;
        this.config = config;
    }

    public record Invitation(UUID id, String orderId, String storeId, String status, String channel, String createdAt,
                             String expiresAt, String openedAt, String remindedAt, String answeredAt, String expiredAt) {
    }

    /** {@code total}: invitations matching the filters in the caller's scope, whatever the page (the gateway's totalCount). */
    public record Page(List<Invitation> items, String next, long total) {
    }

    @GET
    public Uni<Page> list(@QueryParam("storeId") List<String> storeIds, @QueryParam("status") String status,
                          @QueryParam("limit") String limitParam, @QueryParam("after") String after) {
        int limit = (int) Params.integer("limit", limitParam, 100, 1, 1000);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of " + String.join(", ", STATUSES));
        }
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (after != null && !after.isBlank()) {
            try {
                String[] p = after.split("_", 2);
                afterTime = OffsetDateTime.parse(p[0]);
                afterId = UUID.fromString(p[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalid("after", "is not a cursor this endpoint gave out");
            }
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invitation i JOIN store s ON s.id = i.store_id WHERE TRUE");
        if (storeIds != null && !storeIds.isEmpty()) {
            args.add(storeIds.toArray(new String[0]));
            sql.append(" AND i.store_id = ANY($").append(args.size()).append(")");
        }
        if (!caller.allStores()) {
            args.add(caller.hasStoreRole() ? caller.stores().toArray(new String[0]) : new String[0]);
            sql.append(" AND (i.store_id = ANY($").append(args.size()).append(")");
            args.add(caller.has(Roles.REGION_MANAGER) ? caller.regions().toArray(new String[0]) : new String[0]);
            sql.append(" OR s.region_id = ANY($").append(args.size()).append("))");
        }
        if (status != null) {
            args.add(status);
            sql.append(" AND i.status = $").append(args.size());
        }
        // the count sees the same filters and scope, not the cursor or the limit
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM (" + sql + ") listed").execute(Sql.t(args.toArray()))
                .map(rows -> rows.iterator().next().getLong(0));
        if (afterTime != null) {
            args.add(afterTime);
            sql.append(" AND (i.created_at, i.id) > ($").append(args.size());
            args.add(afterId);
            sql.append(", $").append(args.size()).append(")");
        }
        args.add(limit);
        sql.append(" ORDER BY i.created_at, i.id LIMIT $").append(args.size());
        Uni<Page> page = pool.preparedQuery(sql.toString()).execute(Sql.t(args.toArray())).map(rows -> {
            List<Invitation> items = new ArrayList<>();
            String next = null;
            for (Row r : rows) {
                items.add(toInvitation(r));
                next = r.getOffsetDateTime("created_at").toString() + "_" + r.getUUID("id");
            }
            return new Page(items, items.size() == limit ? next : null, 0);
        });
        return Uni.combine().all().unis(page, total).with((p, n) -> new Page(p.items(), p.next(), n));
    }

    @GET
    @Path("/{id}")
    public Uni<Invitation> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No invitation " + id + ".");
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM invitation i JOIN store s ON s.id = i.store_id WHERE i.id = $1")
                .execute(Sql.t(uuid)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("No invitation " + id + ".");
                    }
                    Row r = rows.iterator().next();
                    if (!caller.canSee(r.getString("store_id"), r.getString("region_id"))) {
                        throw ProblemException.forbidden("This invitation's store is outside your scope.");
                    }
                    return toInvitation(r);
                });
    }

    private Invitation toInvitation(Row r) {
        var z = config.zone();
        return new Invitation(r.getUUID("id"), r.getString("order_id"), r.getString("store_id"), r.getString("status"),
                r.getString("open_channel"), Times.iso(Times.instant(r, "created_at"), z),
                Times.iso(Times.instant(r, "expires_at"), z), Times.iso(Times.instant(r, "opened_at"), z),
                Times.iso(Times.instant(r, "reminded_at"), z), Times.iso(Times.instant(r, "answered_at"), z),
                Times.iso(Times.instant(r, "expired_at"), z));
    }
}
