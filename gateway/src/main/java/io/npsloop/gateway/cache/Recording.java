package io.npsloop.gateway.cache;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What one GraphQL request did, for {@link ResponseCache}: how many downstream calls it made, how each answer it read
 * can be revalidated, what it asked for and the answer it gave. It can be remembered only when every downstream call
 * left a {@link #validatedBy validator}: an answer built from anything untagged could change unseen.
 * <p>
 * Kept in the request's (duplicated) Vert.x context, where the resolvers run; a call made anywhere else finds no
 * recording and the request is not remembered.
 */
public final class Recording {

    private static final String KEY = Recording.class.getName();

    private final AtomicInteger calls = new AtomicInteger();
    private final List<Validator> validators = new CopyOnWriteArrayList<>();
    private volatile boolean rememberable;
    private volatile String answer;

    /** The recording of the request being resolved, or null. */
    public static Recording current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY, null) : null;
    }

    /** Counts a downstream call of the request being resolved (no-op outside one). */
    public static void countCall() {
        Recording r = current();
        if (r != null) {
            r.calls.incrementAndGet();
        }
    }

    /** Starts recording the request on the current duplicated context; false when there is none. */
    static boolean start(Recording r) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return false;
        }
        ContextLocals.put(KEY, r);
        return true;
    }

    /** How to ask a service again whether an answer it gave is unchanged (true) — a conditional request. */
    public record Validator(String service, Supplier<Uni<Boolean>> unchanged) {
    }

    /** A downstream answer this request read from {@code service}: {@code unchanged} asks whether it still is. */
    public void validatedBy(String service, Supplier<Uni<Boolean>> unchanged) {
        validators.add(new Validator(service, unchanged));
    }

    /** Set by the instrumentation: a query selecting only remembered root fields. */
    void rememberable(boolean value) {
        rememberable = value;
    }

    /** Set by the instrumentation: the answer as sent, when it has data and no error. */
    void answer(String json) {
        answer = json;
    }

    String answer() {
        return answer;
    }

    List<Validator> validators() {
        return List.copyOf(validators);
    }

    boolean complete() {
        return rememberable && answer != null && !validators.isEmpty() && validators.size() == calls.get();
    }
}
