package io.npsloop.referral.landing;

import io.npsloop.referral.config.ReferralConfig;
import io.npsloop.referral.problem.ThrottledException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/** Per-client token bucket for /r/* (anti-enumeration): {@code requests} per {@code period}, refilled continuously. */
@ApplicationScoped
public class RateLimiter {

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double perNano;

    RateLimiter(ReferralConfig config) {
        this.capacity = config.rateLimit().requests();
        this.perNano = capacity / config.rateLimit().period().toNanos();
    }

    /** Takes one token for the client or throws 429 with the seconds until one is back. */
    public void acquire(String client) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.updatedNanos) * perNano);
            b.updatedNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            long wait = (long) Math.ceil((1 - b.tokens) / perNano / 1e9);
            throw new ThrottledException(wait, "Too many requests from this client; retry later.");
        }
    }

    /** Forgets clients whose bucket is full again (they would start full anyway). */
    @Scheduled(every = "1m")
    void evict() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updatedNanos) * perNano >= capacity;
            }
        });
    }
}
