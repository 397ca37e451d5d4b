package io.npsloop.referral.stats;

import io.npsloop.referral.code.CodeGenerator;
import io.npsloop.referral.code.Links;
import io.npsloop.referral.security.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Promoters with their funnels, and funnels of many codes in input order (the gateway's batch resolver).
 * bookings count attributed bookings (PENDING or CONVERTED); rewardsCents sums rewards not REJECTED.
 * Scope: any store role for its stores, REGION_MANAGER for its regions' stores, HQ_ANALYST and SERVICE for all.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    @RegisterForReflection
    public record Funnel(String code, long clicks, long uniqueVisitors, long bookings, long conversions, long rewardsCents) {
    }

    @RegisterForReflection
    public record Promoter(String code, String displayName, String storeId, String shareUrl, String qrSvgUrl, String qrPngUrl,
                           String posterUrl, Funnel funnel) {
    }

    @RegisterForReflection
    /** {@code total}: promoters in the filtered scope, whatever the page (the gateway's totalCount). */
    public record PromoterPage(List<Promoter> items, String next, long total) {
    }

    @RegisterForReflection
    public record FunnelPage(List<Funnel> items) {
    }

    static final String FUNNEL_COLUMNS = """
            c.code, c.display_name, c.store_id,
            (SELECT count(*) FROM click k WHERE k.code = c.code) AS clicks,
            (SELECT count(*) FROM code_visitor v WHERE v.code = c.code) AS visitors,
            (SELECT count(*) FROM booking b WHERE b.code = c.code AND b.status IN ('PENDING', 'CONVERTED')) AS bookings,
            (SELECT count(*) FROM booking b WHERE b.code = c.code AND b.status = 'CONVERTED') AS conversions,
            (SELECT COALESCE(sum(amount_cents), 0) FROM reward r WHERE r.code = c.code AND r.status <> 'REJECTED') AS rewards
            """;
    static final String SCOPE = "($1 OR c.store_id = ANY($2) OR c.store_id IN (SELECT store_id FROM store WHERE region_id = ANY($3)))";

    @Inject
    Pool pool;
    @Inject
    Links links;
    @Inject
    JsonWebToken jwt;

    @GET
    @Path("/promoters")
    public Uni<PromoterPage> promoters(@QueryParam("storeId") String storeId, @QueryParam("limit") String limitParam,
                                       @QueryParam("after") String after) {
        Caller caller = Caller.of(jwt);
        int limit = (int) Params.number("limit", limitParam, 50, 1, 500);
        Object[] scope = scope(caller);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) FROM referral_code c WHERE c.status = 'ACTIVE' AND " + SCOPE
                        + " AND ($4::text IS NULL OR c.store_id = $4)")
                .execute(Tuple.from(java.util.Arrays.asList(scope[0], scope[1], scope[2], storeId)))
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<PromoterPage> page = pool.preparedQuery("SELECT " + FUNNEL_COLUMNS + " FROM referral_code c WHERE c.status = 'ACTIVE' AND " + SCOPE
                        + " AND ($4::text IS NULL OR c.store_id = $4) AND c.code > $5 ORDER BY c.code LIMIT $6")
                .execute(Tuple.from(java.util.Arrays.asList(scope[0], scope[1], scope[2], storeId, after == null ? "" : after, limit + 1)))
                .map(rows -> {
                    List<Promoter> items = new ArrayList<>();
                    boolean more = false;
                    for (Row r : rows) {
                        if (items.size() == limit) {
                            more = true;
                            break;
                        }
                        String code = r.getString("code");
                        items.add(new Promoter(code, r.getString("display_name"), r.getString("store_id"), links.shareUrl(code),
                                links.api(code, "qr.svg"), links.api(code, "qr.png"), links.api(code, "poster.png"), funnel(r)));
                    }
                    return new PromoterPage(items, more ? items.get(items.size() - 1).code() : null, 0);
                });
        // two statements on two pooled connections at once; the count ignores the cursor and the limit
        return Uni.combine().all().unis(page, total)
                .with((p, n) -> new PromoterPage(p.items(), p.next(), n));
    }

    @GET
    @Path("/funnels")
    public Uni<FunnelPage> funnels(@QueryParam("code") List<String> codes) {
        Caller caller = Caller.of(jwt);
        if (codes.size() > 500) {
            throw io.npsloop.problem.ProblemException.invalid("code", "at most 500 codes per request");
        }
        List<String> canonical = codes.stream().map(c -> {
            String k = CodeGenerator.canonical(c);
            return k == null ? c : k;
        }).toList();
        Object[] scope = scope(caller);
        return pool.preparedQuery("SELECT " + FUNNEL_COLUMNS + " FROM referral_code c WHERE " + SCOPE + " AND c.code = ANY($4)")
                .execute(Tuple.from(java.util.Arrays.asList(scope[0], scope[1], scope[2], canonical.toArray(String[]::new))))
                .map(rows -> {
                    Map<String, Funnel> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getString("code"), funnel(r)));
                    List<Funnel> items = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        Funnel f = found.get(canonical.get(i));
                        items.add(f != null ? f : new Funnel(codes.get(i), 0, 0, 0, 0, 0));
                    }
                    return new FunnelPage(items);
                });
    }

    private static Funnel funnel(Row r) {
        return new Funnel(r.getString("code"), r.getLong("clicks"), r.getLong("visitors"), r.getLong("bookings"),
                r.getLong("conversions"), r.getLong("rewards"));
    }

    /** [all?, stores, regions] for the SCOPE clause; 403 for callers with no referral scope at all. */
    private static Object[] scope(Caller caller) {
        boolean all = caller.isHq() || caller.has("SERVICE");
        boolean storeRole = caller.hasStoreRoleAtLeast("SERVICE_ADVISOR");
        boolean region = caller.has("REGION_MANAGER");
        if (!all && !storeRole && !region) {
            throw caller.forbidden();
        }
        return new Object[]{all, storeRole ? caller.stores().toArray(String[]::new) : new String[0],
                region ? caller.regions().toArray(String[]::new) : new String[0]};
    }
}
