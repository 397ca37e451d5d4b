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
    void weakCuesCountOnlyInAClauseWithoutAnotherTopicsCue() {
        // "很快"/"及时" describe the reply or the call-back, not a wait
        assertEquals(Set.of("COMMUNICATION"), c.classify("客服回复很快").topics());
        assertEquals(Set.of("COMMUNICATION"), c.classify("回访电话很及时").topics());
        // alone in its clause a weak cue still counts
        assertEquals(Set.of("PARTS", "WAIT_TIME"), c.classify("轮胎有现货，十几分钟就换好了").topics());
        assertEquals(Set.of("WAIT_TIME"), c.classify("十几分钟就换好了").topics());
        // "质量" next to a part is the part's quality
        assertEquals(Set.of("PARTS"), c.classify("副厂件质量太差").topics());
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("维修质量不错").topics());
        // a weak cue of the same topic as the clause's strong cue is fine
        assertEquals(Set.of("WAIT_TIME", "CLEANLINESS"), c.classify("休息区很干净，排队很慢").topics());
    }

    @Test
    void aModifierCueAloneInItsClauseDescribesTheClauseBefore() {
        // "质量不错" after a clause about a part is the part's quality, not the repair's
        assertEquals(Set.of("PARTS"), c.classify("雨刮换的是博世的，质量不错").topics());
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("维修质量不错").topics());
        // a duration is no modifier: it tells the wait of its own
        assertEquals(Set.of("PARTS", "WAIT_TIME"), c.classify("电瓶当场就有货，十分钟就换好了").topics());
    }

    @Test
    void anObjectCueAfterAServiceVerbNamesTheJobNotThePart() {
        assertEquals(Set.of("PRICE"), c.classify("工时费太贵了，换个刹车片要三百多").topics());
        assertEquals(Set.of("PARTS"), c.classify("刹车片是副厂的").topics());
        assertEquals(Set.of("WAIT_TIME"), c.classify("The tyre change took twenty minutes").topics());
        // a count between the verb and the thing: still the job
        assertEquals(Set.of("PRICE"), c.classify("换了两个轮胎要八百块").topics());
        assertEquals(Set.of("PRICE"), c.classify("change 4 tyres for 800 yuan").topics());
        Taxonomy t = Taxonomy.parse("SERVICE: 修\nX_PART: @门把手\nEXCLUDE: 算了");
        assertEquals(List.of("X_PART"), t.topics());
        assertEquals(List.of("修"), t.serviceVerbs());
        TopicClassifier own = new TopicClassifier(t);
        assertTrue(own.classify("修门把手").topics().isEmpty());
        assertEquals(Set.of("X_PART"), own.classify("门把手松了").topics());
    }

    @Test
    void anObjectCueInAClauseAboutAnotherTopicIsThatTopicsContext() {
        // the thing's price is PRICE, a fault after fitting it REPAIR_QUALITY (guidelines: naming the job is no PARTS)
        assertEquals(Set.of("PRICE"), c.classify("轮胎价格比网上贵").topics());
        assertEquals(Set.of("PRICE"), c.classify("Tyres were overpriced").topics());
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("轮毂换完之后方向盘还是抖").topics());
        // about the thing itself, or with a PARTS cue, it stays PARTS
        assertEquals(Set.of("PARTS"), c.classify("电瓶用了半年就没电了").topics());
        assertEquals(Set.of("PARTS", "PRICE"), c.classify("原厂刹车片价格比网上贵").topics());
    }

    @Test
    void degreeAdverbsInsideACueDoNotHideIt() {
        // the taxonomy lists 服务好, 效率高, 态度差; the comment says it with 非常, 很 (HanLP glues 很高), 也
        assertEquals(Set.of("ATTITUDE"), c.classify("服务非常好").topics());
        assertEquals("服务非常好", c.classify("服务非常好").keywords().get("ATTITUDE"));
        assertEquals(Set.of("WAIT_TIME"), c.classify("效率很高").topics());
        assertEquals(Set.of("ATTITUDE"), c.classify("说话也太难听了").topics());
        // an adverb is skipped inside a cue only, never at its ends, and a cue does not end on one
        assertTrue(c.classify("挺好的").topics().isEmpty());
    }

    @Test
    void colloquialDegreeAdverbsCountLikeTheStandardOnes() {
        // 贼/巨/忒/老/特 inside a cue, like 很/非常
        assertEquals("态度贼差", c.classify("态度贼差").keywords().get("ATTITUDE"));
        assertEquals(Set.of("PRICE"), c.classify("价格忒贵了").topics());
        // at a cue's start they stand where the taxonomy lists 很 (~很快, ~很慢, 很贵)
        assertEquals("贼快", c.classify("贼快").keywords().get("WAIT_TIME"));
        assertEquals("巨慢", c.classify("巨慢").keywords().get("WAIT_TIME"));
        assertEquals("超快", c.classify("超快").keywords().get("WAIT_TIME"));
        assertEquals("人贼好", c.classify("老板人贼好").keywords().get("ATTITUDE"));
        assertTrue(c.classify("老板").topics().isEmpty());
        // 都/也/还 are no degree: "都快一点了" is "almost one o'clock"
        assertTrue(c.classify("都快一点了").topics().isEmpty());
    }

    @Test
    void aThingBeforeAServiceVerbOrDescribedByAnotherTopicsWeakCueNamesTheJob() {
        // the verb after the thing names the job as the verb before it does
        assertTrue(c.classify("机油换了").topics().isEmpty());
        assertEquals(Set.of("WAIT_TIME"), c.classify("轮胎换得很快").topics());
        // a clause whose only other cue is a weak one of another topic: the thing is that description's context
        assertEquals(Set.of("PRICE"), c.classify("电瓶花了三百").topics());
        // a modifier beside a thing describes the thing
        assertEquals(Set.of("PARTS"), c.classify("轮胎质量差").topics());
        assertEquals(Set.of("PARTS"), c.classify("轮胎没货").topics());
    }

    @Test
    void aFixVerbBesideADurationOrSpeedIsAboutTheTimeTheFixTook() {
        // "%fixed", "%修得": the clause's plain weak cue (a duration, a speed) says what it is about
        assertEquals(Set.of("WAIT_TIME"), c.classify("They fixed it in 20 minutes").topics());
        assertEquals(Set.of("WAIT_TIME"), c.classify("修得很快").topics());
        // alone, or with another topic's strong cue, it is a weak cue like any other
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("修好了").topics());
        assertEquals(Set.of("PROFESSIONALISM"), c.classify("He knew exactly what was wrong and fixed it").topics());
        // an outcome the customer saw stays REPAIR_QUALITY
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("开了一周又那样").topics());
        assertEquals(Set.of("REPAIR_QUALITY"), c.classify("It has run fine since.").topics());
        Taxonomy t = Taxonomy.parse("A: %done\nB: ~today");
        TopicClassifier own = new TopicClassifier(t);
        assertEquals(Set.of("B"), own.classify("done today").topics());
        assertEquals(Set.of("A"), own.classify("done").topics());
    }

    @Test
    void aBreakdownThatOpensARescueStoryIsNoRepairQuality() {
        assertEquals(Set.of("WAIT_TIME"), c.classify("The car broke down on the highway and the tow truck came in 30 minutes").topics());
        assertEquals(Set.of("WAIT_TIME"), c.classify("车半路熄火了，救援二十分钟就到了").topics());
    }

    @Test
    void englishInflectionsFindTheirCue() {
        assertEquals(Set.of("COMMUNICATION"), c.classify("Nobody replied").topics(), "-ied for -y");
        assertEquals(Set.of("PRICE"), c.classify("They were charging too much").topics());
        assertEquals(Set.of("PRICE"), c.classify("Fees were fine").topics());
        assertEquals(Set.of("TRANSPARENCY"), c.classify("Everything explained").topics());
        assertEquals("never told", c.classify("They never told me").keywords().get("COMMUNICATION"));
        assertTrue(c.classify("This was my first visit").topics().isEmpty(), "no stem of 'this'/'was'");
    }

    @Test
    void aParticleHanlpGluedToTheNextWordDoesNotHideTheCue() {
        // HanLP cuts 告知了 as 告 | 知了 ("cicada")
        assertTrue(c.classify("费用都提前告知了").topics().contains("TRANSPARENCY"));
    }

    @Test
    void cuesMatchOnTokenBoundariesNotInsideOtherWords() {
        // "等" is a WAIT_TIME cue, but not inside 平等 / 等等 ("etc.")
        assertFalse(c.classify("大家都平等对待").topics().contains("WAIT_TIME"));
    }

    @Test
    void configuredExtraTermsAndExclusionsApply() {
        TopicClassifier custom = new TopicClassifier(Taxonomy.load("topics/taxonomy.txt",
                Map.of("PARTS", List.of("挡泥板"), "EXCLUDE", List.of("态度端正就好"))));
        assertTrue(c.classify("挡泥板是黑色的").topics().isEmpty());
        assertEquals(Set.of("PARTS"), custom.classify("挡泥板是黑色的").topics());
        assertTrue(custom.classify("态度端正就好").topics().isEmpty());
    }

    @Test
    void malformedTaxonomiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse("no colon here"));
        assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse("lower_case: a"));
        assertEquals(List.of("a", "b"), Taxonomy.parse("X: a，b, ,").terms().get("X"));
    }
}
