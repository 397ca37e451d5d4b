package io.npsloop.analytics.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Creates the reactive pool as Quarkus would, with one difference: the prepared-statement cache also keeps long
 * statements. Vert.x caches only SQL up to 2048 characters by default; the rollup queries sum 71 measures (4–9 KB of
 * SQL), so without this every dashboard query was parsed and planned again (1.5–8 ms of a ~10 ms request under
 * load; PostgreSQL's log showed {@code parse <unnamed>} for each). Configured by
 * {@code npsloop.db.prepared-statement-cache-sql-limit}.
 */
@Singleton
public class PgPoolConfig implements PgPoolCreator {

    private final int sqlLimit;
    /** The options the pool was created with: the data-version listener connects with the same ones. */
    private volatile PgConnectOptions connectOptions;

    PgPoolConfig(AnalyticsConfig config) {
        this.sqlLimit = config.db().preparedStatementCacheSqlLimit();
    }

    @Override
    @SuppressWarnings("deprecation") // PgPool: Quarkus 3.27 casts the created pool to it
    public Pool create(Input input) {
        for (PgConnectOptions o : input.pgConnectOptionsList()) {
            o.setPreparedStatementCacheSqlLimit(sqlLimit);
        }
        connectOptions = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }

    /** A copy of the pool's connect options; null until the pool has been created (inject the Pool first). */
    public PgConnectOptions connectOptions() {
        PgConnectOptions o = connectOptions;
        return o == null ? null : new PgConnectOptions(o);
    }
}
