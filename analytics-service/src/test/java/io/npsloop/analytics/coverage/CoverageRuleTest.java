package io.npsloop.analytics.coverage;

import io.npsloop.analytics.coverage.CoverageRule.Group;
import io.npsloop.analytics.coverage.CoverageRule.Params;
import io.npsloop.analytics.query.Dtos.Warning;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The coverage-outlier rule on hand-computed figures. */
class CoverageRuleTest {

    static final Params DEFAULT = new Params(-1.96, 30, 5, 0);
    // chain: 1000 orders, 500 answered; NPS (300 - 100) / 500 = 40
    static final Group CHAIN = new Group("chain", null, null, 1000, 500, 300, 100, 100);

    static Group store(String id, long orders, long answered, long p, long n, long d) {
        return new Group(CoverageRule.STORE, id, id, orders, answered, p, n, d);
    }

    @Test
    void lowCoverageAndHighNpsIsFlaggedWithTheTwoProportionZAgainstTheRestOfTheChain() {
        // 30 of 100 vs the rest 470 of 900; pooled 0.5: se = sqrt(0.25 (1/100 + 1/900)) = 0.052705; z = (0.3 - 0.52222) / se
        List<Warning> w = CoverageRule.outliers(List.of(store("S1", 100, 30, 25, 5, 0)), CHAIN, DEFAULT);
        assertEquals(1, w.size());
        Warning x = w.get(0);
        assertEquals("COVERAGE_OUTLIER", x.kind());
        assertEquals("store", x.dimension());
        assertEquals("S1", x.segment());
        assertEquals(30.0, x.value());
        assertEquals(50.0, x.previous());
        assertEquals(-20.0, x.delta());
        assertEquals(-4.22, x.z());
        assertTrue(x.message().contains("30.0 %") && x.message().contains("50.0 %"), x.message());
    }

    @Test
    void aLowCoverageWithAnNpsBelowTheChainsIsNotTheEasyCustomerPattern() {
        // NPS (10 - 10) / 30 = 0 < 40
        assertTrue(CoverageRule.outliers(List.of(store("S1", 100, 30, 10, 10, 10)), CHAIN, DEFAULT).isEmpty());
        // equal NPS is enough ("at least the chain's"): 40
        assertEquals(1, CoverageRule.outliers(List.of(store("S1", 100, 30, 16, 10, 4)), CHAIN, DEFAULT).size());
        // ... unless a margin is asked for
        assertTrue(CoverageRule.outliers(List.of(store("S1", 100, 30, 16, 10, 4)), CHAIN,
                new Params(-1.96, 30, 5, 5)).isEmpty());
    }

    @Test
    void notSignificantSmallOrFewResponsesIsNotFlagged() {
        // 45 of 100: z = (0.45 - 0.50556) / 0.052705 = -1.05
        assertTrue(CoverageRule.outliers(List.of(store("S1", 100, 45, 40, 5, 0)), CHAIN, DEFAULT).isEmpty());
        // 29 orders: below min-orders even at 0 % coverage... with 5 answered
        assertTrue(CoverageRule.outliers(List.of(store("S1", 29, 5, 5, 0, 0)), CHAIN, DEFAULT).isEmpty());
        // 4 responses: below k-min
        assertTrue(CoverageRule.outliers(List.of(store("S1", 200, 4, 4, 0, 0)), CHAIN, DEFAULT).isEmpty());
        assertEquals(1, CoverageRule.outliers(List.of(store("S1", 200, 5, 5, 0, 0)), CHAIN, DEFAULT).size());
        // a high coverage is never an outlier here (one-sided)
        assertTrue(CoverageRule.outliers(List.of(store("S1", 100, 90, 90, 0, 0)), CHAIN, DEFAULT).isEmpty());
    }

    @Test
    void advisorsAreNamedWithTheirStoreAndTheLowestZComesFirst() {
        Group adv = new Group(CoverageRule.ADVISOR, "ADV7", "S2", 100, 10, 10, 0, 0);
        List<Warning> w = CoverageRule.outliers(List.of(store("S1", 100, 30, 25, 5, 0), adv), CHAIN, DEFAULT);
        assertEquals(List.of("ADV7", "S1"), w.stream().map(Warning::segment).toList());
        assertEquals("advisor", w.get(0).dimension());
        assertTrue(w.get(0).message().contains("advisor ADV7 (store S2)"), w.get(0).message());
    }

    @Test
    void anEmptyChainOrAGroupThatIsTheWholeChainGivesNothing() {
        assertTrue(CoverageRule.outliers(List.of(store("S1", 100, 30, 25, 5, 0)),
                new Group("chain", null, null, 0, 0, 0, 0, 0), DEFAULT).isEmpty());
        assertTrue(CoverageRule.outliers(List.of(store("S1", 1000, 500, 300, 100, 100)), CHAIN, DEFAULT).isEmpty());
    }
}
