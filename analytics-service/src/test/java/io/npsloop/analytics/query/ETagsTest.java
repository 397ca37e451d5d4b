package io.npsloop.analytics.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ETagsTest {

    @Test
    void theTagIsAFunctionOfVersionQueryAndCaller() {
        String t = ETags.of("n1.7", "week=2026-W48", "token-a");
        assertEquals(t, ETags.of("n1.7", "week=2026-W48", "token-a"));
        assertNotEquals(t, ETags.of("n1.8", "week=2026-W48", "token-a"));
        assertNotEquals(t, ETags.of("n1.7", "week=2026-W47", "token-a"));
        assertNotEquals(t, ETags.of("n1.7", "week=2026-W48", "token-b"));
        // the parts are delimited: moving a character from one part to the next is another tag
        assertNotEquals(ETags.of("n1.7", "ab", "c"), ETags.of("n1.7", "a", "bc"));
        assertNull(ETags.of(null, "week=2026-W48", "token-a"));
    }

    @Test
    void ifNoneMatchAcceptsListsWeakFormsAndAnyButNothingElse() {
        String t = ETags.of("v", "q", "c");
        assertTrue(ETags.matches(t, t));
        assertTrue(ETags.matches("\"x\", " + t, t));
        assertTrue(ETags.matches("W/" + t, t));
        assertTrue(ETags.matches("*", t));
        assertFalse(ETags.matches("\"x\"", t));
        assertFalse(ETags.matches(null, t));
        assertFalse(ETags.matches("", t));
        assertFalse(ETags.matches("*", null));
    }
}
