package io.npsloop.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The plan PostgreSQL picks for an outbox relay's numbering statement when {@code feed_event} is large: with
 * statistics showing a backlog (a fifth of 100 000 rows unnumbered), or with statistics taken before those rows came.
 * The rows are inserted (and analysed) in a transaction that is rolled back, so the service's feed never sees them.
 */
public final class OutboxPlans {

    private OutboxPlans() {
    }

    public static String explainWithBacklog(String statement) {
        return explain(statement, true);
    }

    /**
     * The plan for the statement when {@code feed_event} has grown by 100 000 unnumbered rows since its statistics
     * were taken (a new deployment's first minute of traffic, before autovacuum analyses the table again).
     */
    public static String explainAfterGrowth(String statement) {
        return explain(statement, false);
    }

    private static String explain(String statement, boolean analyseAfterInsert) {
        try (Connection c = ServiceDatabase.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (!analyseAfterInsert) {
                    s.execute("ANALYZE feed_event");
                }
                s.execute("INSERT INTO feed_event (event_id, type, occurred_at, data, seq) SELECT gen_random_uuid(), "
                        + "'PlanProbe', now(), '{}'::jsonb, CASE WHEN g % 5 = 0 THEN NULL ELSE -g END "
                        + "FROM generate_series(1, 100000) g");
                if (analyseAfterInsert) {
                    s.execute("ANALYZE feed_event");
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN " + statement)) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("explaining the relay's statement failed", e);
        }
    }
}
