package io.npsloop.referral.feed;

import io.npsloop.testsupport.OutboxPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FeedRelayTest {

    @Test
    void relayLooksUpTheBatchByKeyInsteadOfScanningTheWholeTable() {
        // Joined straight to its LIMIT sub-select, the relay's update was planned as a hash join over a sequential
        // scan of every event as soon as the statistics showed a backlog.
        String plan = OutboxPlans.explainWithBacklog(FeedRelay.NUMBER);
        assertTrue(plan.contains("Index Scan using feed_event_pkey on feed_event f"), plan);
        assertFalse(plan.contains("Seq Scan on feed_event"), plan);
    }
}
