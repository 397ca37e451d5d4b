package io.npsloop.survey.common;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Reactive transactions on the Vert.x SQL pool. While {@link #run} executes, the transaction's connection is
 * also reachable through {@link #current()} (stored in the request's duplicated Vert.x context), so that
 * collaborators such as {@code EventOutbox.append(type, data)} or a {@code ResponseListener} write inside the same
 * transaction without having it passed around.
 */
@ApplicationScoped
public class Tx {

    private static final String KEY = "npsloop.tx.connection";

    private final Pool pool;

    Tx(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Runs {@code work} in one transaction: committed when the Uni succeeds, rolled back when it fails. BEGIN is
     * sent without waiting for its answer, so it travels in one pipeline with the first statement of {@code work}
     * (one round trip less per transaction than {@code Pool.withTransaction}). BEGIN's outcome is awaited once the
     * work has settled, before COMMIT or ROLLBACK: a failed BEGIN fails the transaction, and when the work fails
     * BEGIN's answer is still observed, so no outcome is left for Mutiny to drop (a fail-fast combination of the
     * two logged "had to drop" errors under load whenever a submission was refused).
     * <p>
     * A transaction, once started, runs to its COMMIT or ROLLBACK even if the caller cancels (an HTTP client that
     * disconnects mid-request): cancelling the chain would skip both and hand the connection back to the pool with its
     * transaction open, while the work already sent kept failing into Mutiny's dropped-exception log ("Transaction
     * already complete"). The caller's cancellation only stops the outcome being delivered.
     */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        Uni<T> whole = transaction(work);
        return Uni.createFrom().emitter(outcome -> {
            AtomicBoolean gone = new AtomicBoolean();
            outcome.onTermination(() -> gone.set(true));
            whole.subscribe().with(
                    item -> {
                        if (!gone.get()) {
                            outcome.complete(item);
                        }
                    },
                    failure -> {
                        if (!gone.get()) {
                            outcome.fail(failure);
                        }
                    });
        });
    }

    private <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return pool.getConnection().flatMap(conn -> {
            Context ctx = Vertx.currentContext();
            boolean bind = ctx != null && VertxContext.isDuplicatedContext(ctx);
            if (bind) {
                ctx.putLocal(KEY, conn);
            }
            Uni<Transaction> begun = Uni.createFrom().completionStage(conn.getDelegate().begin().toCompletionStage());
            Uni<T> body;
            try {
                body = work.apply(conn);
            } catch (RuntimeException e) {
                body = Uni.createFrom().failure(e);
            }
            return body
                    .call(() -> begun.flatMap(t -> Uni.createFrom().completionStage(t.commit().toCompletionStage())))
                    .onFailure().call(e -> begun.onFailure().recoverWithNull().flatMap(t -> rollback(conn)))
                    .eventually(() -> {
                        if (bind) {
                            ctx.removeLocal(KEY);
                        }
                        return conn.close();
                    });
        });
    }

    /** Rolls back what is still open; a transaction already ended (a failed COMMIT, a broken connection) is left. */
    private static Uni<Void> rollback(SqlConnection conn) {
        Transaction open = conn.getDelegate().transaction();
        if (open == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(open.rollback().toCompletionStage()).onFailure().recoverWithNull();
    }

    /** The connection of the transaction running on this request, or an error outside one. */
    public SqlConnection current() {
        Context ctx = Vertx.currentContext();
        Object conn = ctx == null || !VertxContext.isDuplicatedContext(ctx) ? null : ctx.getLocal(KEY);
        if (conn == null) {
            throw new IllegalStateException("no reactive transaction is active on this request (use Tx.run)");
        }
        return (SqlConnection) conn;
    }
}
