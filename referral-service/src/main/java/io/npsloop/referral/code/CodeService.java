package io.npsloop.referral.code;

import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.npsloop.referral.feed.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issue-or-get (one active code per customer and store), look-ups for the public pages, revocation. */
@ApplicationScoped
public class CodeService {

    public record Issued(String code, boolean created) {
    }

    private record Cached(Optional<CodeView> view, long expiresAtNanos) {
    }

    private final Pool pool;
    private final CodeGenerator generator;
    private final Outbox outbox;
    private final Times times;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    CodeService(Pool pool, CodeGenerator generator, Outbox outbox, Times times, ReferralConfig config) {
        this.pool = pool;
        this.generator = generator;
        this.outbox = outbox;
        this.times = times;
        this.ttlNanos = config.referral().cacheTtl().toNanos();
    }

    /** In the caller's transaction: the active code of (customerKey, storeId), created with its event if absent. */
    public Uni<Issued> issueOrGet(SqlClient tx, String customerKey, String storeId, String displayName, String source,
                                  String responseId) {
        return existing(tx, customerKey, storeId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(new Issued(found, false));
            }
            String code = generator.next();
            String masked = CustomerKeys.mask(displayName);
            return tx.preparedQuery("""
                            INSERT INTO referral_code (code, customer_key, store_id, display_name, status, source, created_at)
                            VALUES ($1, $2, $3, $4, 'ACTIVE', $5, $6) ON CONFLICT DO NOTHING RETURNING code""")
                    .execute(Tuple.of(code, customerKey, storeId, masked, source, times.nowZoned()))
                    .chain(rows -> {
                        if (rows.rowCount() == 1) {
                            cache.remove(code);
                            return outbox.append(tx, "ReferralCodeIssued", new Events.ReferralCodeIssued(code, storeId,
                                            customerKey, masked, source, responseId, times.nowZoned()))
                                    .replaceWith(new Issued(code, true));
                        }
                        // a concurrent issue won the (customer, store) slot, or (rarely) the code collided: look again
                        return issueOrGet(tx, customerKey, storeId, displayName, source, responseId);
                    });
        });
    }

    private Uni<String> existing(SqlClient tx, String customerKey, String storeId) {
        return tx.preparedQuery("SELECT code FROM referral_code WHERE customer_key = $1 AND store_id = $2 AND status = 'ACTIVE'")
                .execute(Tuple.of(customerKey, storeId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("code"));
    }

    /** The code for a public page (cached for the configured TTL; unknown and revoked answer empty alike). */
    public Uni<Optional<CodeView>> find(String rawCode) {
        String code = CodeGenerator.canonical(rawCode);
        if (code == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Cached c = cache.get(code);
        if (c != null && c.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(c.view());
        }
        return load(pool, code).invoke(v -> {
            if (ttlNanos > 0) {
                if (cache.size() > 100_000) {
                    cache.clear();
                }
                cache.put(code, new Cached(v, System.nanoTime() + ttlNanos));
            }
        });
    }

    public Uni<Optional<CodeView>> load(SqlClient client, String code) {
        return client.preparedQuery("""
                        SELECT c.code, c.customer_key, c.store_id, c.display_name, c.status, s.name AS store_name
                          FROM referral_code c LEFT JOIN store s ON s.store_id = c.store_id WHERE c.code = $1""")
                .execute(Tuple.of(code))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.<CodeView>empty();
                    }
                    Row r = rows.iterator().next();
                    if (!"ACTIVE".equals(r.getString("status"))) {
                        return Optional.<CodeView>empty();
                    }
                    String storeName = r.getString("store_name");
                    return Optional.of(new CodeView(r.getString("code"), r.getString("customer_key"), r.getString("store_id"),
                            storeName == null ? r.getString("store_id") : storeName, r.getString("display_name"), true));
                });
    }

    /** Revokes a code in the caller's transaction (its event included); the local cache forgets it at once. */
    public Uni<Boolean> revoke(SqlClient tx, String code, String reason) {
        return tx.preparedQuery("""
                        UPDATE referral_code SET status = 'REVOKED', revoked_at = $2 WHERE code = $1 AND status = 'ACTIVE'
                        RETURNING store_id""")
                .execute(Tuple.of(code, times.nowZoned()))
                .chain(rows -> {
                    forget(code);
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    String storeId = rows.iterator().next().getString("store_id");
                    return outbox.append(tx, "ReferralCodeRevoked",
                            new Events.ReferralCodeRevoked(code, storeId, reason, times.nowZoned())).replaceWith(true);
                });
    }

    public void forget(String code) {
        cache.remove(code);
    }

    public void forgetAll() {
        cache.clear();
    }
}
