package io.npsloop.referral.landing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.config.Times;
import io.npsloop.referral.feed.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clicks leave the request path through a lock-free in-memory queue and reach the database in batches: one
 * transaction per batch inserts the clicks, the first-seen visitors and one ReferralClicked event per code. A batch
 * that fails goes back into the queue (retried on the next tick), and shutdown drains the queue before the pool
 * closes — so the page never waits for the database and a click is not dropped while the process lives.
 */
@ApplicationScoped
public class ClickRecorder {

    private static final Logger LOG = Logger.getLogger(ClickRecorder.class);

    public record Click(UUID clickId, String code, String storeId, String via, String visitorHash, Instant at) {
    }

    @RegisterForReflection
    public record ReferralClicked(String code, String storeId, int clicks, int qrClicks, int linkClicks, int newVisitors,
                                  OffsetDateTime firstAt, OffsetDateTime lastAt) {
    }

    private final ConcurrentLinkedQueue<Click> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private final Pool pool;
    private final Outbox outbox;
    private final Times times;
    private final int batchSize;
    private final Counter recorded;
    private final Counter failures;
    private final java.nio.file.Path spillDir;
    private final int maxQueued;

    ClickRecorder(Pool pool, Outbox outbox, Times times, ReferralConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.times = times;
        this.batchSize = config.clicks().batchSize();
        this.recorded = registry.counter("npsloop.clicks.recorded");
        this.failures = registry.counter("npsloop.clicks.flush.failures");
        this.spillDir = java.nio.file.Path.of(config.clicks().spillDir());
        this.maxQueued = config.clicks().maxQueued();
        registry.gauge("npsloop.clicks.queued", queued);
    }

    public void record(Click click) {
        if (queued.get() >= maxQueued) {
            spill(List.of(click), "overflow");
            return;
        }
        queue.add(click);
        queued.incrementAndGet();
    }

    // ---- durable fallback: one line per click (id|code|store|via|visitor|epochMillis) in spill-dir/*.clicks

    /** Appends clicks to a spill file (synchronously: only on overflow or at shutdown with the database away). */
    synchronized void spill(List<Click> clicks, String why) {
        try {
            java.nio.file.Files.createDirectories(spillDir);
            java.nio.file.Path file = spillDir.resolve(why + "-" + ProcessHandle.current().pid() + ".clicks");
            StringBuilder sb = new StringBuilder(clicks.size() * 120);
            for (Click c : clicks) {
                sb.append(c.clickId()).append('|').append(c.code()).append('|').append(c.storeId()).append('|').append(c.via())
                        .append('|').append(c.visitorHash()).append('|').append(c.at().toEpochMilli()).append('\n');
            }
            java.nio.file.Files.writeString(file, sb, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            LOG.errorf("%d clicks could not be spilled to %s: %s", clicks.size(), spillDir, e.getMessage());
        }
    }

    /** Moves spilled clicks back into the queue (at start-up and on every flush tick); answers how many. */
    public synchronized int reloadSpilled() {
        if (!java.nio.file.Files.isDirectory(spillDir) || queued.get() >= maxQueued) {
            return 0;
        }
        int n = 0;
        try (var files = java.nio.file.Files.list(spillDir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".clicks")).toList()) {
                for (String line : java.nio.file.Files.readAllLines(f)) {
                    String[] p = line.split("\\|");
                    if (p.length == 6) {
                        queue.add(new Click(UUID.fromString(p[0]), p[1], p[2], p[3], p[4], Instant.ofEpochMilli(Long.parseLong(p[5]))));
                        queued.incrementAndGet();
                        n++;
                    }
                }
                java.nio.file.Files.delete(f);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("spilled clicks not reloaded yet: %s", e.getMessage());
        }
        if (n > 0) {
            LOG.infof("%d spilled clicks queued again", n);
        }
        return n;
    }

    /** Drains the in-memory queue into the spill directory. */
    synchronized int spillQueue(String why) {
        List<Click> all = new ArrayList<>();
        Click c;
        while ((c = queue.poll()) != null) {
            queued.decrementAndGet();
            all.add(c);
        }
        if (!all.isEmpty()) {
            spill(all, why);
        }
        return all.size();
    }

    void onStart(@Observes io.quarkus.runtime.StartupEvent ev) {
        reloadSpilled();
    }

    public int queued() {
        return queued.get();
    }

    @Scheduled(every = "${npsloop.clicks.flush-every:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        reloadSpilled();
        return flush().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Writes everything queued so far, batch after batch; answers how many clicks were written. */
    public Uni<Integer> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return drain(0).eventually(() -> flushing.set(false));
    }

    private Uni<Integer> drain(int done) {
        List<Click> batch = new ArrayList<>(Math.min(batchSize, Math.max(1, queued.get())));
        Click c;
        while (batch.size() < batchSize && (c = queue.poll()) != null) {
            queued.decrementAndGet();
            batch.add(c);
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().item(done);
        }
        return pool.withTransaction(tx -> write(tx, batch))
                .onItem().transformToUni(n -> {
                    recorded.increment(n);
                    return drain(done + n);
                })
                .onFailure().recoverWithUni(e -> {
                    failures.increment();
                    LOG.warnf("click batch of %d not written, kept for retry: %s", batch.size(), e.getMessage());
                    batch.forEach(this::record);
                    return Uni.createFrom().item(done);
                });
    }

    /** One statement per table for the whole batch (unnest of arrays), not one per click. */
    private Uni<Integer> write(SqlClient tx, List<Click> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] codes = new String[n];
        String[] stores = new String[n];
        String[] vias = new String[n];
        String[] hashes = new String[n];
        OffsetDateTime[] ats = new OffsetDateTime[n];
        Map<String, String[]> visitors = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Click c = batch.get(i);
            ids[i] = c.clickId();
            codes[i] = c.code();
            stores[i] = c.storeId();
            vias[i] = c.via();
            hashes[i] = c.visitorHash();
            ats[i] = times.zoned(c.at());
            visitors.putIfAbsent(c.code() + "|" + c.visitorHash(), new String[]{c.code(), c.visitorHash()});
        }
        String[] vCodes = visitors.values().stream().map(v -> v[0]).toArray(String[]::new);
        String[] vHashes = visitors.values().stream().map(v -> v[1]).toArray(String[]::new);
        return tx.preparedQuery("""
                        INSERT INTO click (click_id, code, store_id, via, visitor_hash, clicked_at)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
                        ON CONFLICT (click_id) DO NOTHING""")
                .execute(Tuple.of(ids, codes, stores, vias, hashes, ats))
                .chain(ignored -> tx.preparedQuery("""
                                INSERT INTO code_visitor (code, visitor_hash) SELECT * FROM unnest($1::text[], $2::text[])
                                ON CONFLICT DO NOTHING RETURNING code""")
                        .execute(Tuple.of(vCodes, vHashes)))
                .chain(rs -> {
                    Map<String, Integer> newVisitors = new HashMap<>();
                    for (Row row : rs) {
                        newVisitors.merge(row.getString("code"), 1, Integer::sum);
                    }
                    return events(tx, batch, newVisitors);
                })
                .replaceWith(n);
    }

    private Uni<Void> events(SqlClient tx, List<Click> batch, Map<String, Integer> newVisitors) {
        Map<String, List<Click>> byCode = new LinkedHashMap<>();
        batch.forEach(c -> byCode.computeIfAbsent(c.code(), k -> new ArrayList<>()).add(c));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : byCode.entrySet()) {
            List<Click> cs = e.getValue();
            int qr = (int) cs.stream().filter(c -> "QR".equals(c.via())).count();
            Instant first = cs.stream().map(Click::at).min(Instant::compareTo).orElseThrow();
            Instant last = cs.stream().map(Click::at).max(Instant::compareTo).orElseThrow();
            var event = new ReferralClicked(e.getKey(), cs.get(0).storeId(), cs.size(), qr, cs.size() - qr,
                    newVisitors.getOrDefault(e.getKey(), 0), times.zoned(first), times.zoned(last));
            chain = chain.chain(() -> outbox.append(tx, "ReferralClicked", event));
        }
        return chain;
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (queued.get() > 0) {
            LOG.infof("flushing %d queued clicks before shutdown", queued.get());
            flushing.set(false);
            try {
                flush().await().atMost(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.errorf("clicks could not be written before shutdown: %s", e.getMessage());
            }
            if (queued.get() > 0) {
                LOG.warnf("%d clicks spilled to %s; written after the next start", spillQueue("shutdown"), spillDir);
            }
        }
    }

}
