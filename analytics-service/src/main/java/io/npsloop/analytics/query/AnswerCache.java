package io.npsloop.analytics.query;

import io.smallrye.mutiny.Uni;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The most recently used answers, for keys that include the data version ({@link DataVersion}): an answer is
 * reused only at the version it was computed at, and older ones just age out. Size 0 turns it off.
 */
public final class AnswerCache<K, V> {

    private final int size;
    private final Map<K, V> answers;

    public AnswerCache(int size) {
        this.size = size;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > AnswerCache.this.size;
            }
        };
    }

    /** The remembered answer for {@code key}, else {@code compute}'s, remembered; a null key is never remembered. */
    public Uni<V> get(K key, Supplier<Uni<V>> compute) {
        if (size <= 0 || key == null) {
            return compute.get();
        }
        V hit;
        synchronized (answers) {
            hit = answers.get(key);
        }
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return compute.get().invoke(v -> {
            if (v != null) {
                synchronized (answers) {
                    answers.put(key, v);
                }
            }
        });
    }
}
