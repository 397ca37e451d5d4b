package io.npsloop.analytics.initiative;

import io.npsloop.analytics.nps.NpsMath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DiDTest {

    @Test
    void liftIsTheDifferenceOfTheTwoChangesAndTheSeCombinesFourSes() {
        NpsMath.Figures tb = NpsMath.figures(35, 40, 25), ta = NpsMath.figures(43, 40, 17);
        NpsMath.Figures cb = NpsMath.figures(40, 40, 20), ca = NpsMath.figures(42, 40, 18);
        DiD d = DiD.of(tb, ta, cb, ca);
        assertEquals(12.0, d.lift(), 1e-9);
        double se = Math.sqrt(tb.se() * tb.se() + ta.se() * ta.se() + cb.se() * cb.se() + ca.se() * ca.se());
        assertEquals(se, d.se(), 1e-12);
        assertEquals(12.0 - 1.96 * se, d.low(), 1e-9);
        assertEquals(12.0 + 1.96 * se, d.high(), 1e-9);
        assertTrue(d.enoughData());
        assertFalse(d.significant(), "n = 100 per group: SE ~ 26 points, 12 is noise");
    }

    @Test
    void fewerThan30InAGroupIsNeverSignificantAndAnEmptyGroupGivesNoLift() {
        NpsMath.Figures big = NpsMath.figures(900, 50, 50), small = NpsMath.figures(29, 0, 0);
        DiD d = DiD.of(NpsMath.figures(100, 800, 100), big, NpsMath.figures(100, 800, 100), small);
        assertFalse(d.enoughData());
        assertFalse(d.significant());
        assertNull(DiD.of(big, big, big, NpsMath.figures(0, 0, 0)));
    }
}
