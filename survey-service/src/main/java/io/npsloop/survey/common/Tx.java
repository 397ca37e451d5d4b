package io.npsloop.survey.common;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** Runs {@code work} in one transaction: committed when the Uni succeeds, rolled back when it fails. */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> {
            Context ctx = Vertx.currentContext();
            boolean bind = ctx != null && VertxContext.isDuplicatedContext(ctx);
            if (bind) {
                ctx.putLocal(KEY, conn);
            }
            Uni<T> result;
            try {
                result = work.apply(conn);
            } catch (RuntimeException e) {
                result = Uni.createFrom().failure(e);
            }
            return bind ? result.eventually(() -> ctx.removeLocal(KEY)) : result;
        });
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
