package io.npsloop.survey.directory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.npsloop.survey.common.Cidr;
import io.npsloop.survey.common.Times;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Regions and stores: reads, upserts (each publishing RegionUpserted/StoreUpserted), unconfigured stores. */
@ApplicationScoped
public class DirectoryService {

    static final String STORE_COLUMNS = "id, name, city, region_id, status, networks::text[] AS networks, "
            + "alert_recipients::text AS alert_recipients";

    private final Tx tx;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ObjectMapper json;

    DirectoryService(Tx tx, EventOutbox outbox, Clock clock, ObjectMapper json) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
    }

    /** Outcome of an upsert: the resource and whether it was created. */
    public record Upserted<T>(T value, boolean created) {
    }

    // ---- regions

    public Uni<List<Region>> regions() {
        return tx.pool().query("SELECT id, name FROM region ORDER BY id").execute()
                .map(rows -> {
                    List<Region> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Region(r.getString("id"), r.getString("name"))));
                    return out;
                });
    }

    public Uni<Region> region(String id) {
        return tx.pool().preparedQuery("SELECT id, name FROM region WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null
                        : new Region(rows.iterator().next().getString("id"), rows.iterator().next().getString("name")));
    }

    /** Creates ({@code mustBeNew}: 409 when it exists) or updates a region. */
    public Uni<Upserted<Region>> upsertRegion(String id, String name, boolean mustBeNew) {
        return tx.run(conn -> conn.preparedQuery("SELECT name FROM region WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .flatMap(rows -> {
                    boolean exists = rows.rowCount() > 0;
                    if (exists && mustBeNew) {
                        return Uni.createFrom().failure(ProblemException.conflict("Region " + id + " already exists."));
                    }
                    var now = Times.utc(clock.instant());
                    return conn.preparedQuery("INSERT INTO region (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3) "
                                    + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at")
                            .execute(Tuple.of(id, name, now))
                            .flatMap(x -> outbox.append(conn, "RegionUpserted", Map.of("regionId", id, "name", name)))
                            .map(x -> new Upserted<>(new Region(id, name), !exists));
                }));
    }

    public Uni<Void> deleteRegion(String id) {
        return tx.run(conn -> conn.preparedQuery("SELECT count(*) AS n FROM store WHERE region_id = $1").execute(Tuple.of(id))
                .flatMap(rows -> rows.iterator().next().getLong("n") > 0
                        ? Uni.createFrom().failure(ProblemException.conflict("Region " + id + " still has stores."))
                        : conn.preparedQuery("DELETE FROM region WHERE id = $1").execute(Tuple.of(id)))
                .flatMap(rs -> rs.rowCount() == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("No region " + id + "."))
                        : Uni.createFrom().voidItem()));
    }

    // ---- stores

    public Uni<Store> store(String id) {
        return tx.pool().preparedQuery("SELECT " + STORE_COLUMNS + " FROM store WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : toStore(rows.iterator().next()));
    }

    public Uni<List<Store>> stores(List<String> ids) {
        return tx.pool().preparedQuery("SELECT " + STORE_COLUMNS + " FROM store WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Store> byId = new LinkedHashMap<>();
                    rows.forEach(r -> byId.put(r.getString("id"), toStore(r)));
                    List<Store> out = new ArrayList<>();
                    ids.forEach(i -> {
                        Store s = byId.get(i);
                        if (s != null) {
                            out.add(s);
                        }
                    });
                    return out;
                });
    }

    /** A page of stores after {@code after} (id order), optionally by status, limited to a scope (null: all). */
    public Uni<List<Store>> page(String status, String after, int limit, List<String> storeIds, List<String> regionIds) {
        StringBuilder sql = new StringBuilder("SELECT " + STORE_COLUMNS + " FROM store WHERE id > $1");
        List<Object> args = new ArrayList<>(List.of(after == null ? "" : after));
        if (status != null) {
            args.add(status);
            sql.append(" AND status = $").append(args.size());
        }
        if (storeIds != null) {
            args.add(storeIds.toArray(new String[0]));
            sql.append(" AND (id = ANY($").append(args.size()).append(")");
            args.add(regionIds.toArray(new String[0]));
            sql.append(" OR region_id = ANY($").append(args.size()).append("))");
        }
        args.add(limit);
        sql.append(" ORDER BY id LIMIT $").append(args.size());
        return tx.pool().preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<Store> out = new ArrayList<>();
            rows.forEach(r -> out.add(toStore(r)));
            return out;
        });
    }

    /** Validates a store body beyond bean validation (networks, alert roles); throws 400 naming the field. */
    public static void check(StoreInput in) {
        List<Problem.InvalidParam> bad = new ArrayList<>();
        if (in.networks() != null) {
            for (int i = 0; i < in.networks().size(); i++) {
                if (Cidr.parse(in.networks().get(i)) == null) {
                    bad.add(new Problem.InvalidParam("networks[" + i + "]", "must be an IP range in CIDR notation"));
                }
            }
        }
        if (in.alertRecipients() != null) {
            in.alertRecipients().forEach((role, recipient) -> {
                if (!Roles.STORE_ROLES.contains(role)) {
                    bad.add(new Problem.InvalidParam("alertRecipients." + role, "must be a store role ("
                            + String.join(", ", Roles.STORE_ROLES) + ")"));
                } else if (recipient == null || recipient.isBlank() || recipient.length() > 200) {
                    bad.add(new Problem.InvalidParam("alertRecipients." + role, "must be a recipient id of 1-200 characters"));
                }
            });
        }
        if (!bad.isEmpty()) {
            throw new ProblemException(Problem.invalid(bad.get(0).name() + " " + bad.get(0).reason(), bad));
        }
    }

    /** Creates or updates a configured (ACTIVE) store. */
    public Uni<Upserted<Store>> upsertStore(String id, StoreInput in, boolean mustBeNew) {
        check(in);
        return tx.run(conn -> upsertStore(conn, id, in, mustBeNew));
    }

    public Uni<Upserted<Store>> upsertStore(SqlClient conn, String id, StoreInput in, boolean mustBeNew) {
        List<String> networks = in.networks() == null ? List.of()
                : in.networks().stream().map(String::strip).toList();
        Map<String, String> recipients = in.alertRecipients() == null ? Map.of() : in.alertRecipients();
        return conn.preparedQuery("SELECT 1 FROM region WHERE id = $1").execute(Tuple.of(in.regionId()))
                .flatMap(r -> {
                    if (r.rowCount() == 0) {
                        return Uni.createFrom().failure(ProblemException.invalid("regionId", "is not a known region"));
                    }
                    return conn.preparedQuery("SELECT status FROM store WHERE id = $1 FOR UPDATE").execute(Tuple.of(id));
                })
                .flatMap(rows -> {
                    boolean exists = rows.rowCount() > 0;
                    if (exists && mustBeNew && Store.ACTIVE.equals(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().failure(ProblemException.conflict("Store " + id + " already exists."));
                    }
                    var now = Times.utc(clock.instant());
                    Store store = new Store(id, in.name().strip(), (String) nullable(in.city()), in.regionId(), Store.ACTIVE, networks, recipients);
                    return conn.preparedQuery("INSERT INTO store (id, name, city, region_id, status, networks, alert_recipients, "
                                    + "created_at, updated_at) VALUES ($1, $2, $3, $4, 'ACTIVE', $5::cidr[], $6::text::jsonb, $7, $7) "
                                    + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, city = EXCLUDED.city, "
                                    + "region_id = EXCLUDED.region_id, status = 'ACTIVE', networks = EXCLUDED.networks, "
                                    + "alert_recipients = EXCLUDED.alert_recipients, updated_at = EXCLUDED.updated_at")
                            .execute(io.npsloop.survey.common.Sql.t(id, store.name(), nullable(in.city()), in.regionId(),
                                    networks.toArray(new String[0]), outbox.toJson(recipients), now))
                            .flatMap(x -> outbox.append(conn, "StoreUpserted", storeEvent(store)))
                            .map(x -> new Upserted<>(store, !exists || mustBeNew));
                });
    }

    /**
     * Makes sure the store exists; an unknown one is created UNCONFIGURED (and published) so that no order is lost.
     * Answers the store's region (null while unconfigured).
     */
    /**
     * The store's region, creating the store {@code UNCONFIGURED} (and publishing it) when unknown. One statement
     * for a known store; the sub-select reads the snapshot before the insert, so a just-created store answers null.
     */
    public Uni<String> ensureStore(SqlClient conn, String storeId) {
        return conn.preparedQuery("WITH " + ensureStoreCte(1, 2) + " SELECT " + ensureStoreColumns(1))
                .execute(Tuple.of(storeId, Times.utc(clock.instant())))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    return r.getBoolean("store_created")
                            ? publishCreated(conn, storeId).replaceWith((String) null)
                            : Uni.createFrom().item(r.getString("region_id"));
                });
    }

    /**
     * For a statement that ensures a store along with other work (see {@link #ensureStore}): the CTE
     * {@code store_created}, creating store {@code $store} as UNCONFIGURED at {@code $now} when it is unknown.
     */
    public static String ensureStoreCte(int store, int now) {
        return "store_created AS (INSERT INTO store (id, name, status, created_at, updated_at) VALUES ($" + store + ", $"
                + store + ", 'UNCONFIGURED', $" + now + ", $" + now + ") ON CONFLICT (id) DO NOTHING RETURNING id)";
    }

    /** The columns to select beside {@link #ensureStoreCte}: {@code store_created}, and the store's {@code region_id}. */
    public static String ensureStoreColumns(int store) {
        return "EXISTS (SELECT 1 FROM store_created) AS store_created, (SELECT region_id FROM store WHERE id = $" + store
                + ") AS region_id";
    }

    /** Publishes, in the same transaction, a store {@link #ensureStoreCte} created (StoreUpserted, UNCONFIGURED). */
    public Uni<Void> publishCreated(SqlClient conn, String storeId) {
        return outbox.append(conn, "StoreUpserted", storeEvent(new Store(storeId, storeId, null, null,
                Store.UNCONFIGURED, List.of(), Map.of())));
    }

    public Uni<Void> deleteStore(String id) {
        return tx.run(conn -> conn.preparedQuery("SELECT 1 FROM service_order WHERE store_id = $1 LIMIT 1").execute(Tuple.of(id))
                .flatMap(rows -> rows.rowCount() > 0
                        ? Uni.createFrom().failure(ProblemException.conflict("Store " + id + " has orders and cannot be deleted."))
                        : conn.preparedQuery("DELETE FROM store WHERE id = $1").execute(Tuple.of(id)))
                .flatMap(rs -> rs.rowCount() == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("No store " + id + "."))
                        : Uni.createFrom().voidItem()));
    }

    static Map<String, Object> storeEvent(Store s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("storeId", s.id());
        m.put("name", s.name());
        m.put("city", s.city());
        m.put("regionId", s.regionId());
        m.put("status", s.status());
        return m;
    }

    private static Object nullable(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    Store toStore(Row r) {
        String[] nets = r.getArrayOfStrings("networks");
        Map<String, String> recipients;
        try {
            recipients = json.readValue(r.getString("alert_recipients"), new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Store(r.getString("id"), r.getString("name"), r.getString("city"), r.getString("region_id"),
                r.getString("status"), nets == null ? List.of() : List.of(nets), recipients);
    }
}
