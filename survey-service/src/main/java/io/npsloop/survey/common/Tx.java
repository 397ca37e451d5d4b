package io.npsloop.survey.common;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SqlClientInternal;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
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

    /** How the Mutiny API wraps the rows of a bare result (as its own {@code execute} does). */
    private static final TypeArg<Row> ROWS = new TypeArg<>(
            row -> Row.newInstance((io.vertx.sqlclient.Row) row), Row::getDelegate);

    private final Pool pool;

    Tx(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** A statement that opens a transaction: it travels in the same network write as BEGIN (see {@link #run(List, BiFunction)}). */
    public record Opening(String sql, Tuple args) {

        /** A statement without parameters, sent as a simple query (e.g. {@code SET LOCAL …}). */
        public static Opening simple(String sql) {
            return new Opening(sql, null);
        }

        /** A prepared statement with its arguments. */
        public static Opening prepared(String sql, Tuple args) {
            return new Opening(sql, args);
        }
    }

    /** Runs {@code work} in one transaction; see {@link #run(List, BiFunction)}. */
    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return run(List.of(), (conn, opened) -> work.apply(conn));
    }

    /**
     * Runs {@code work} in one transaction: committed when the Uni succeeds, rolled back when it fails. BEGIN and the
     * {@code opening} statements are handed to the connection as one group, so they leave in one network write and
     * PostgreSQL reads them at once (one send and one wake-up on each side instead of one per statement, as a libpq
     * pipeline does); {@code work} receives their results in order, and should issue its own first statement without
     * waiting when it has no opening. BEGIN's outcome is awaited once the work has settled, before COMMIT or ROLLBACK:
     * a failed BEGIN fails the transaction, and when the work fails BEGIN's answer is still observed, so no outcome is
     * left for Mutiny to drop (a fail-fast combination of the two logged "had to drop" errors under load whenever a
     * submission was refused).
     * <p>
     * A transaction, once started, runs to its COMMIT or ROLLBACK even if the caller cancels (an HTTP client that
     * disconnects mid-request): cancelling the chain would skip both and hand the connection back to the pool with its
     * transaction open, while the work already sent kept failing into Mutiny's dropped-exception log ("Transaction
     * already complete"). The caller's cancellation only stops the outcome being delivered.
     */
    public <T> Uni<T> run(List<Opening> opening, BiFunction<SqlConnection, List<RowSet<Row>>, Uni<T>> work) {
        Uni<T> whole = transaction(opening, work);
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

    private <T> Uni<T> transaction(List<Opening> opening, BiFunction<SqlConnection, List<RowSet<Row>>, Uni<T>> work) {
        return pool.getConnection().flatMap(conn -> {
            Context ctx = Vertx.currentContext();
            boolean bind = ctx != null && VertxContext.isDuplicatedContext(ctx);
            if (bind) {
                ctx.putLocal(KEY, conn);
            }
            List<Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>>> sent = new ArrayList<>(opening.size() + 1);
            send(conn.getDelegate(), opening, sent);
            Uni<Void> begun = uni(sent.get(0)).replaceWithVoid();
            Uni<T> body;
            try {
                body = opening.isEmpty()
                        ? work.apply(conn, List.of())
                        : Uni.join().all(sent.subList(1, sent.size()).stream().map(Tx::uni).toList()).andCollectFailures()
                                // the first statement that failed is the answer (a later one fails because of it)
                                .onFailure(CompositeException.class).transform(e -> ((CompositeException) e).getCauses().get(0))
                                .flatMap(opened -> work.apply(conn, opened));
            } catch (RuntimeException e) {
                body = Uni.createFrom().failure(e);
            }
            return body
                    .call(() -> begun.flatMap(x -> conn.query("COMMIT").execute()))
                    .onFailure().call(e -> begun.flatMap(x -> conn.query("ROLLBACK").execute().replaceWithVoid())
                            .onFailure().recoverWithNull())
                    .eventually(() -> {
                        if (bind) {
                            ctx.removeLocal(KEY);
                        }
                        return conn.close();
                    });
        });
    }

    /**
     * Schedules BEGIN and the opening statements as one group ({@code SqlClientInternal.group}: the connection writes
     * a group's commands and flushes once; the public API flushes after every statement). A connection without it
     * sends them one by one, which is equally correct. Grouped statements skip the client's per-query metrics.
     */
    private static void send(io.vertx.sqlclient.SqlConnection conn, List<Opening> opening,
                             List<Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>>> sent) {
        Handler<io.vertx.sqlclient.SqlClient> statements = client -> {
            sent.add(client.query("BEGIN").execute());
            for (Opening o : opening) {
                sent.add(o.args() == null ? client.query(o.sql()).execute()
                        : client.preparedQuery(o.sql()).execute(o.args().getDelegate()));
            }
        };
        if (opening.isEmpty() || !(conn instanceof SqlClientInternal grouping)) {
            statements.handle(conn);
        } else {
            grouping.group(statements);
        }
    }

    private static Uni<RowSet<Row>> uni(Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> f) {
        return Uni.createFrom().completionStage(f.toCompletionStage()).map(rows -> RowSet.newInstance(rows, ROWS));
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
