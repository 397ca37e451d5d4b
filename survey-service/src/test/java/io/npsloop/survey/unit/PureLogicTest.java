package io.npsloop.survey.unit;

import io.npsloop.survey.common.Cidr;
import io.npsloop.survey.common.Csv;
import io.npsloop.survey.common.Keys;
import io.npsloop.survey.order.ContactRules;
import io.npsloop.survey.order.Segments;
import io.npsloop.survey.response.AuthenticityRules;
import io.npsloop.survey.response.CommentMasker;
import io.npsloop.survey.survey.Messages;
import io.npsloop.survey.webhook.DeliveryWorker;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure units: masking, spend bands, flag rules, HMAC normalisation, contact rules, back-off, CSV, CIDR. */
class PureLogicTest {

    @Test
    void masksPhonesLandlinesPlatesIdNumbersAndEmails() {
        assertEquals("call ***", CommentMasker.mask("call 13800138000"));
        assertEquals("call ***", CommentMasker.mask("call +86 138-0013-8000"));
        assertEquals("座机 *** 找我", CommentMasker.mask("座机 021-12345678 找我"));
        assertEquals("座机***", CommentMasker.mask("座机(0571)8765432"));
        assertEquals("车牌***很好", CommentMasker.mask("车牌沪A12345很好"));
        assertEquals("车牌***", CommentMasker.mask("车牌粤B·D12345"));
        assertEquals("新能源***好", CommentMasker.mask("新能源粤BD12345好"));
        assertEquals("身份证***", CommentMasker.mask("身份证11010519491231002X"));
        assertEquals("mail *** now", CommentMasker.mask("mail zhang.san+1@example.com.cn now"));
        assertEquals("等了 2 小时，价格 380 元", CommentMasker.mask("等了 2 小时，价格 380 元"));
        assertEquals("订单 2026112301 已完成", CommentMasker.mask("订单 2026112301 已完成"));
        assertNull(CommentMasker.mask(null));
    }

    @Test
    void spendBandsAndTenure() {
        assertEquals("LOW", Segments.spendBand(0, 50000, 200000));
        assertEquals("LOW", Segments.spendBand(49999, 50000, 200000));
        assertEquals("MID", Segments.spendBand(50000, 50000, 200000));
        assertEquals("MID", Segments.spendBand(199999, 50000, 200000));
        assertEquals("HIGH", Segments.spendBand(200000, 50000, 200000));
        assertEquals("NEW", Segments.tenure(5));
        assertEquals("MID", Segments.tenure(6));
        assertEquals("MID", Segments.tenure(12));
        assertEquals("OLD", Segments.tenure(13));
        assertNull(Segments.tenure(null));
    }

    @Test
    void customerKeyNormalisation() {
        assertEquals("13800138000", Keys.normalisePhone("+86 138-0013-8000"));
        assertEquals("13800138000", Keys.normalisePhone("8613800138000"));
        assertEquals("13800138000", Keys.normalisePhone("138 0013 8000"));
        assertEquals("02112345678", Keys.normalisePhone("021-12345678"));
        String k = Keys.customerKey("s", "+86 138-0013-8000");
        assertEquals(k, Keys.customerKey("s", "13800138000"));
        assertTrue(k.matches("[0-9a-f]{64}"));
        assertFalse(k.equals(Keys.customerKey("other-secret", "13800138000")));
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?")
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Keys.hmacHex("Jefe", "what do ya want for nothing?"));
        assertEquals("沪A12345", Keys.normalisePlate("沪a 123.45"));
        assertEquals("粤BD12345", Keys.normalisePlate("粤B-D1234-5"));
        assertEquals(Keys.plateKey("s", "沪a-12345"), Keys.plateKey("s", "沪A12345"));
        assertEquals("张*", Keys.maskName("张三"));
        assertEquals("欧***", Keys.maskName("欧阳娜娜"));
        assertNull(Keys.maskName(" "));
    }

    @Test
    void flagRules() {
        assertFalse(AuthenticityRules.sharedDevice(2, 3));
        assertTrue(AuthenticityRules.sharedDevice(3, 3));
        assertTrue(AuthenticityRules.storeNetworkSoon(true, 600, 600));
        assertFalse(AuthenticityRules.storeNetworkSoon(true, 601, 600));
        assertFalse(AuthenticityRules.storeNetworkSoon(false, 10, 600));
        // 30 of 30 tens against a chain with 20 % tens → far above z 3
        assertTrue(AuthenticityRules.advisorTenOutlier(30, 30, 230, 1030, 30, 3.0));
        // same share with 29 responses: below the minimum
        assertFalse(AuthenticityRules.advisorTenOutlier(29, 29, 229, 1029, 30, 3.0));
        // advisor at the chain's share
        assertFalse(AuthenticityRules.advisorTenOutlier(20, 100, 200, 1000, 30, 3.0));
        assertTrue(Double.isNaN(AuthenticityRules.advisorTenZ(5, 10, 5, 10)));
        double z = AuthenticityRules.advisorTenZ(20, 40, 220, 1040);
        assertTrue(z > 3 && z < 10, "z = " + z);
    }

    @Test
    void contactRulesQuietPeriodEdges() {
        Instant last = Instant.parse("2026-01-01T00:00:00Z");
        Duration q = Duration.ofDays(30);
        assertEquals("QUIET_PERIOD", ContactRules.decide(last.plus(Duration.ofDays(29)), last, false, q).suppressedBy());
        assertEquals(last.plus(q), ContactRules.decide(last.plus(Duration.ofDays(29)), last, false, q).nextEligibleAt());
        assertTrue(ContactRules.decide(last.plus(Duration.ofDays(30)), last, false, q).invite());
        assertTrue(ContactRules.decide(last.plus(Duration.ofDays(31)), last, false, q).invite());
        ContactRules.Decision both = ContactRules.decide(last.plus(Duration.ofDays(1)), last, true, q);
        assertEquals("OPTED_OUT", both.suppressedBy());
        assertNull(both.nextEligibleAt());
        assertTrue(ContactRules.decide(last, null, false, q).invite());
    }

    @Test
    void backoffDoublesAndCaps() {
        Duration i = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(5), DeliveryWorker.backoff(1, i, max));
        assertEquals(Duration.ofSeconds(10), DeliveryWorker.backoff(2, i, max));
        assertEquals(Duration.ofSeconds(40), DeliveryWorker.backoff(4, i, max));
        assertEquals(max, DeliveryWorker.backoff(5, i, max));
        assertEquals(max, DeliveryWorker.backoff(500, i, max));
    }

    @Test
    void csvQuotesNewlinesAndLines() throws Exception {
        Csv csv = new Csv(new StringReader("a,b\r\n\"x, \"\"y\"\"\",\"multi\nline\"\n\nlast,\n"), 100);
        Csv.Record r1 = csv.next();
        assertEquals(List.of("a", "b"), r1.fields());
        assertEquals(1, r1.line());
        Csv.Record r2 = csv.next();
        assertEquals(List.of("x, \"y\"", "multi\nline"), r2.fields());
        assertEquals(2, r2.line());
        Csv.Record r3 = csv.next();
        assertEquals(List.of("last", ""), r3.fields());
        assertEquals(5, r3.line());
        assertNull(csv.next());
        assertThrows(Csv.MalformedCsv.class, () -> new Csv(new StringReader("\"open"), 100).next());
    }

    @Test
    void cidrMatching() {
        assertTrue(Cidr.parse("10.1.0.0/16").contains("10.1.200.3"));
        assertFalse(Cidr.parse("10.1.0.0/16").contains("10.2.0.1"));
        assertTrue(Cidr.parse("192.168.1.7").contains("192.168.1.7"));
        assertTrue(Cidr.parse("2001:db8::/32").contains("2001:db8::1"));
        assertFalse(Cidr.parse("2001:db8::/32").contains("10.0.0.1"));
        assertNull(Cidr.parse("10.0.0.0/33"));
        assertNull(Cidr.parse("example.com/8"));
        assertNull(Cidr.parse("300.1.1.1"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("example.com"));
    }

    @Test
    void languageChoice() {
        assertEquals("en", Messages.language("en", null));
        assertEquals("zh", Messages.language(null, null));
        assertEquals("en", Messages.language(null, "en-GB,en;q=0.9"));
        assertEquals("zh", Messages.language(null, "zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals("en", Messages.language(null, "fr-FR,en;q=0.5"));
        assertEquals("zh", Messages.language("zh", "en"));
    }
}
