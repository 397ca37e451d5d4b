package io.npsloop.analytics.topic;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class TopicClassifierTest {

    static TopicClassifier c;

    @BeforeAll
    static void init() {
        c = new TopicClassifier(Taxonomy.load("topics/taxonomy.txt", Map.of()));
    }

    @Test
    void assignsEveryTopicACommentTalksAbout() {
        assertEquals(Set.of("WAIT_TIME", "PARTS"), c.classify("配件没货，又等了三天").topics());
        assertEquals(Set.of("ATTITUDE"), c.classify("服务顾问态度很好").topics());
        assertEquals(Set.of("PRICE", "TRANSPARENCY"), c.classify("价格透明，明码标价").topics());
    }

    @Test
    void praiseAndComplaintAlikeAndNegationKeepsTheTopicWithTheNegatorInTheKeyword() {
        assertEquals(Set.of("PRICE"), c.classify("不贵").topics());
        assertEquals("不贵", c.classify("不贵").keywords().get("PRICE"));
        assertEquals(Set.of("PRICE"), c.classify("太贵了").topics());
        assertEquals(Set.of("PROFESSIONALISM"), c.classify("师傅很不专业").topics());
    }

    @Test
    void exclusionIdiomsAndNoTopic() {
        assertTrue(c.classify("没问题，下次还来").topics().isEmpty());
        assertTrue(c.classify("挺好的").topics().isEmpty());
        assertTrue(c.classify(null).topics().isEmpty());
        assertTrue(c.classify("   ").topics().isEmpty());
        assertTrue(c.classify("All good, no problem.").topics().isEmpty());
    }

    @Test
    void englishWordsPluralsAndLongestMatch() {
        assertEquals(Set.of("PARTS"), c.classify("Genuine parts").topics());
        assertEquals(Set.of("CLEANLINESS"), c.classify("The waiting room was clean").topics(), "waiting inside 'waiting room'");
        assertEquals(Set.of("WAIT_TIME", "ATTITUDE"), c.classify("Rude staff, I waited forever").topics());
    }

    @Test
    void cuesMatchOnTokenBoundariesNotInsideOtherWords() {
        // "等" is a WAIT_TIME cue, but not inside 平等 / 等等 ("etc.")
        assertFalse(c.classify("大家都平等对待").topics().contains("WAIT_TIME"));
    }

    @Test
    void configuredExtraTermsAndExclusionsApply() {
        TopicClassifier custom = new TopicClassifier(Taxonomy.load("topics/taxonomy.txt",
                Map.of("PARTS", List.of("轮毂"), "EXCLUDE", List.of("态度端正就好"))));
        assertEquals(Set.of("PARTS"), custom.classify("轮毂有划痕").topics());
        assertTrue(custom.classify("态度端正就好").topics().isEmpty());
    }

    @Test
    void malformedTaxonomiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse("no colon here"));
        assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse("lower_case: a"));
        assertEquals(List.of("a", "b"), Taxonomy.parse("X: a，b, ,").terms().get("X"));
    }
}
