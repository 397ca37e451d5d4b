package io.npsloop.analytics.nps;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.*;

class NpsMathTest {

    @ParameterizedTest(name = "score {0} is {1}")
    @CsvSource({"0,D", "3,D", "6,D", "7,N", "8,N", "9,P", "10,P"})
    void categories(int score, char expected) {
        assertEquals(expected, NpsMath.category(score));
    }

    @Test
    void scoresOutsideTheScaleAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NpsMath.category(-1));
        assertThrows(IllegalArgumentException.class, () -> NpsMath.category(11));
        assertThrows(IllegalArgumentException.class, () -> NpsMath.figures(-1, 0, 0));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({
            // P, N, D, nps, P%, N%, D%, margin, low, high (hand-computed with the formulas of domain.md section 2)
            "70, 31, 19, 42.5, 58.3, 25.8, 15.8, 13.4, 28.2, 54.7",
            "10, 0, 0, 100.0, 100.0, 0.0, 0.0, 0.0, 47.5, 100.0",
            "0, 0, 10, -100.0, 0.0, 0.0, 100.0, 0.0, -100.0, -47.5",
            "1, 1, 1, 0.0, 33.3, 33.3, 33.3, 92.4, -61.1, 61.1",
            "40, 30, 30, 10.0, 40.0, 30.0, 30.0, 16.3, -6.3, 25.7",
            "50, 30, 20, 30.0, 50.0, 30.0, 20.0, 15.3, 14.1, 44.2"})
    void publishedFigures(long p, long n, long d, double nps, double ps, double ns, double ds, double margin,
                          double low, double high) {
        NpsMath.Figures f = NpsMath.figures(p, n, d);
        assertEquals(p + n + d, f.n());
        assertEquals(nps, f.value());
        assertEquals(ps, f.promoterShare());
        assertEquals(ns, f.passiveShare());
        assertEquals(ds, f.detractorShare());
        assertEquals(margin, f.marginOfError());
        assertEquals(low, f.low());
        assertEquals(high, f.high());
    }

    @Test
    void standardErrorFollowsTheFormula() {
        NpsMath.Figures f = NpsMath.figures(70, 31, 19);
        double pp = 70 / 120.0;
        double dd = 19 / 120.0;
        assertEquals(100 * Math.sqrt((pp + dd - (pp - dd) * (pp - dd)) / 120), f.se(), 1e-12);
        assertEquals(6.837651074910317, f.se(), 1e-9);
    }

    @Test
    void emptyGroupHasNoFigures() {
        NpsMath.Figures f = NpsMath.figures(0, 0, 0);
        assertTrue(f.empty());
        assertNull(f.value());
        assertNull(f.promoterShare());
        assertNull(f.marginOfError());
        assertNull(f.low());
        assertNull(f.high());
    }

    @Test
    void zOfADifferenceAndItsSignificance() {
        NpsMath.Figures a = NpsMath.figures(50, 30, 20);
        NpsMath.Figures b = NpsMath.figures(40, 30, 30);
        double z = NpsMath.z(a, b);
        assertEquals(1.7541160386140582, z, 1e-9);
        assertEquals(-z, NpsMath.z(b, a), 1e-12);
        assertFalse(NpsMath.significant(z, a.n(), b.n()));
        NpsMath.Figures c = NpsMath.figures(60, 30, 10);
        double z2 = NpsMath.z(c, b);
        assertTrue(z2 > 1.96);
        assertTrue(NpsMath.significant(z2, c.n(), b.n()));
        assertTrue(NpsMath.significant(-z2, c.n(), b.n()), "a fall is as significant as a rise");
    }

    @Test
    void noSignificanceBelowThirtyPerSide() {
        assertFalse(NpsMath.significant(5.0, 29, 1000));
        assertFalse(NpsMath.significant(5.0, 1000, 29));
        assertTrue(NpsMath.significant(5.0, 30, 30));
        assertTrue(NpsMath.significant(-1.96, 30, 30));
        assertFalse(NpsMath.significant(1.95, 300, 300));
        assertFalse(NpsMath.significant(Double.NaN, 300, 300));
    }

    @Test
    void zWithAnEmptySideIsNaNAndWithNoVarianceIsInfiniteOrZero() {
        assertTrue(Double.isNaN(NpsMath.z(NpsMath.figures(0, 0, 0), NpsMath.figures(1, 0, 0))));
        assertEquals(0.0, NpsMath.z(NpsMath.figures(5, 0, 0), NpsMath.figures(9, 0, 0)));
        assertEquals(Double.NEGATIVE_INFINITY, NpsMath.z(NpsMath.figures(0, 0, 5), NpsMath.figures(9, 0, 0)));
    }

    @Test
    void proportionAndMeanTests() {
        // pooled two-proportion z: 60/100 vs 40/100 → pooled .5, se sqrt(.25 * .02) = .0707 → z = 2.828
        assertEquals(2.8284271247, NpsMath.proportionZ(60, 100, 40, 100), 1e-9);
        assertTrue(Double.isNaN(NpsMath.proportionZ(1, 0, 1, 3)));
        assertEquals(0.0, NpsMath.proportionZ(0, 10, 0, 10));
        // means 10 (values 9, 11) vs 20 (values 19, 21): var 2 each, se sqrt(2/2 + 2/2) → z = -10/1.414
        assertEquals(-7.0710678118, NpsMath.meanZ(2, 20, 81 + 121, 2, 40, 361 + 441), 1e-9);
        assertTrue(Double.isNaN(NpsMath.meanZ(1, 5, 25, 3, 3, 3)));
    }

    @Test
    void pearsonCorrelation() {
        // x = 1..5, y = 2x → r = 1; y = -x → r = -1
        assertEquals(1.0, NpsMath.pearson(5, 15, 55, 30, 220, 110));
        assertEquals(-1.0, NpsMath.pearson(5, 15, 55, -15, 55, -55));
        // x = 1,2,3 ; y = 1,3,2 → r = 0.5
        assertEquals(0.5, NpsMath.pearson(3, 6, 14, 6, 14, 13));
        assertNull(NpsMath.pearson(1, 1, 1, 1, 1, 1));
        assertNull(NpsMath.pearson(3, 6, 12, 6, 14, 12), "no variance in x");
    }

    @Test
    void sharesMeansGrowthAndDeltas() {
        assertEquals(33.3, NpsMath.share(1, 3));
        assertEquals(66.7, NpsMath.share(2, 3));
        assertNull(NpsMath.share(1, 0));
        assertEquals(12.5, NpsMath.mean(25, 2));
        assertNull(NpsMath.mean(1, 0));
        assertEquals(50.0, NpsMath.growth(15, 10));
        assertEquals(-100.0, NpsMath.growth(0, 10));
        assertNull(NpsMath.growth(3, 0));
        assertEquals(0.3, NpsMath.delta(0.3, 0.0));
        assertEquals(-12.4, NpsMath.delta(30.1, 42.5));
        assertNull(NpsMath.delta(null, 1.0));
    }

    @Test
    void roundingIsHalfUpAwayFromZeroWithoutNegativeZero() {
        assertEquals(12.3, NpsMath.round1(12.25));
        assertEquals(-12.3, NpsMath.round1(-12.25));
        assertEquals(0.0, NpsMath.round1(-0.04));
        assertEquals("0.0", Double.toString(NpsMath.round1(-0.04)));
        assertEquals(42.5, NpsMath.round1(42.50000000000001));
        assertThrows(IllegalArgumentException.class, () -> NpsMath.round1(Double.NaN));
    }
}
