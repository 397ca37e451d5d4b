package io.npsloop.referral.feed;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FeedRelayTest {

    @Inject
    Pool pool;

    @Test
    void relayLooksUpTheBatchByKeyInsteadOfScanningTheWholeTable() {
        // A large table with a backlog (a fifth unnumbered), for the planner only: rolled back afterwards. Joined
        // straight to its LIMIT sub-select, the relay's update was planned as a hash join over a sequential scan.
        SqlConnection conn = pool.getConnection().await().indefinitely();
        Transaction tx = conn.begin().await().indefinitely();
        try {
            conn.query("INSERT INTO feed_event (event_id, type, occurred_at, data, seq) SELECT gen_random_uuid(), "
                    + "'PlanProbe', now(), '{}'::jsonb, CASE WHEN g % 5 = 0 THEN NULL ELSE -g END "
                    + "FROM generate_series(1, 100000) g").execute().await().indefinitely();
            conn.query("ANALYZE feed_event").execute().await().indefinitely();
            StringBuilder plan = new StringBuilder();
            conn.query("EXPLAIN " + FeedRelay.NUMBER).execute().await().indefinitely()
                    .forEach(row -> plan.append(row.getString(0)).append('\n'));
            assertTrue(plan.indexOf("Index Scan using feed_event_pkey on feed_event f") >= 0, plan.toString());
            assertTrue(plan.indexOf("Seq Scan on feed_event") < 0, plan.toString());
        } finally {
            tx.rollback().await().indefinitely();
            conn.close().await().indefinitely();
        }
    }
}
