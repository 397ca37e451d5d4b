package io.npsloop.referral.landing;

import io.npsloop.referral.config.ReferralConfig;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Active stores (from StoreUpserted) for the booking form's choice, cached for the configured TTL. */
@ApplicationScoped
public class StoreDirectory {

    @TemplateData
    public record StoreOption(String id, String name) {
    }

    private record Snapshot(List<StoreOption> stores, long expiresAtNanos) {
    }

    private final Pool pool;
    private final long ttlNanos;
    private volatile Snapshot snapshot;

    StoreDirectory(Pool pool, ReferralConfig config) {
        this.pool = pool;
        this.ttlNanos = config.referral().cacheTtl().toNanos();
    }

    public Uni<List<StoreOption>> active() {
        Snapshot s = snapshot;
        if (s != null && s.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(s.stores());
        }
        return pool.query("SELECT store_id, name FROM store WHERE status = 'ACTIVE' ORDER BY store_id").execute()
                .map(rows -> {
                    List<StoreOption> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new StoreOption(r.getString("store_id"), r.getString("name"))));
                    snapshot = new Snapshot(List.copyOf(list), System.nanoTime() + ttlNanos);
                    return snapshot.stores();
                });
    }

    public void forget() {
        snapshot = null;
    }
}
