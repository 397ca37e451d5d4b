package io.npsloop.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 1: responses and referral clicks under load while analytics and referral are killed with SIGKILL
 * (no shutdown hook, no drain) and restarted. Proves the feed consumers' exactly-once design end to end: analytics'
 * NPS counts equal survey's stored responses exactly, analytics' click count equals referral's stored clicks, every
 * promoter (a 9–10 answer) has exactly one code. Clicks referral acknowledged but had not flushed when killed are
 * reported (the documented kill -9 window of referral-service/README.md), never double counted.
 */
@Order(2)
class CrashConsistencyTest {

    static final int RESPONSES = Integer.getInteger("reliability.responses", 300);
    static final int CLICKS = Integer.getInteger("reliability.clicks", 300);
    static final int KILLS = Integer.getInteger("reliability.kills", 1);
    static final int STORES = Suite.STORES;
    static Suite suite;
    static Chain chain;

    @BeforeAll
    static void start() {
        suite = Suite.shared();
        chain = new Chain(suite.svc("survey").url());
    }

    @Test
    void killNineLosesNothingAndCountsEverythingOnce() throws Exception {
        AtomicInteger nextResponse = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicLong clicksAcknowledged = new AtomicLong();
        AtomicInteger clicksSent = new AtomicInteger();
        Map<Integer, Integer> unexpected = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        // earlier test classes may have clicked (the stored-script check): count from here
        long clicksBefore = suite.pg.count("npsloop_referral", "SELECT count(*) FROM click");

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            threads.add(new Thread(() -> {
                for (int n; (n = nextResponse.incrementAndGet()) <= RESPONSES; ) {
                    Http.Resp order = chain.order("CR-" + n, n, STORES);
                    if (order.status() != 201) {
                        unexpected.merge(order.status(), 1, Integer::sum);
                        continue;
                    }
                    // ~45 % promoters so there are codes to click
                    int score = n % 20 < 9 ? 9 + n % 2 : n % 9;
                    Http.Resp r = chain.respond(Chain.token(order), score, n);
                    if (r.status() == 201) {
                        answered.incrementAndGet();
                    } else {
                        unexpected.merge(r.status(), 1, Integer::sum);
                    }
                }
            }, "crash-responses-" + w));
        }
        for (int w = 0; w < 2; w++) {
            long seed = w;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                Svc referral = suite.svc("referral");
                while (clicksSent.get() < CLICKS) {
                    List<String> codes = suite.pg.strings("npsloop_referral", "SELECT code FROM referral_code LIMIT 200");
                    if (codes.isEmpty()) {
                        Poll.pause();
                        continue;
                    }
                    for (int i = 0; i < 20 && clicksSent.incrementAndGet() <= CLICKS; i++) {
                        String code = codes.get(random.nextInt(codes.size()));
                        Http.Resp r = Http.send("GET", referral.url() + "/r/" + code + (i % 2 == 0 ? "?via=link" : ""), null,
                                null, null, Map.of("User-Agent", "reliability-visitor-" + random.nextInt(50)));
                        if (r.status() == 200) {
                            clicksAcknowledged.incrementAndGet();
                        } else if (r.status() != -1) {
                            // -1: the process is being killed right now, the click was never acknowledged
                            unexpected.merge(r.status(), 1, Integer::sum);
                        }
                    }
                }
            }, "crash-clicks-" + w));
        }
        threads.forEach(Thread::start);

        // Kills spread over the load: each victim once per round, at a random point of its share of the responses.
        Random random = new Random(42);
        List<String> kills = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            for (String victim : List.of("analytics", "referral")) {
                int at = (int) ((k + (victim.equals("analytics") ? 0.25 : 0.6) + random.nextDouble() * 0.2) * RESPONSES / (KILLS + 0.5));
                Poll.until("response " + at + " before killing " + victim, Duration.ofMinutes(10),
                        () -> nextResponse.get() >= at || nextResponse.get() > RESPONSES);
                Svc s = suite.svc(victim);
                s.kill9();
                kills.add(victim + "@" + nextResponse.get());
                s.start();
                s.awaitReady(Suite.READY);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;

        // survey's stored truth
        String responses = "SELECT count(*) FROM response";
        long n = suite.pg.count("npsloop_survey", responses);
        long promoters = suite.pg.count("npsloop_survey", responses + " WHERE score >= 9");
        long passives = suite.pg.count("npsloop_survey", responses + " WHERE score BETWEEN 7 AND 8");
        long detractors = suite.pg.count("npsloop_survey", responses + " WHERE score <= 6");
        assertEquals(answered.get(), suite.pg.count("npsloop_survey", responses + " WHERE order_id LIKE 'CR-%'"),
                "every acknowledged response is stored");
        String expected = n + "/" + promoters + "/" + passives + "/" + detractors;
        LocalDate today = LocalDate.now(Chain.ZONE);
        String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        String analytics = Poll.untilEquals("analytics NPS counts", Duration.ofSeconds(120), expected,
                () -> npsCounts(Http.get(suite.svc("analytics").url() + "/api/v1/nps?" + range, Chain.HQ)));

        // every promoter exactly one code
        Set<String> promoterKeys = new HashSet<>(suite.pg.strings("npsloop_survey",
                "SELECT DISTINCT customer_key || '|' || store_id FROM response WHERE score >= 9"));
        // (other tests issue codes through the API too: look only at the promoters' keys)
        String perPromoter = "SELECT customer_key || '|' || store_id FROM referral_code GROUP BY customer_key, store_id HAVING count(*) = 1";
        Poll.until("referral issued a code to every promoter", Duration.ofSeconds(120),
                () -> new HashSet<>(suite.pg.strings("npsloop_referral", perPromoter)).containsAll(promoterKeys));
        long codes = promoterKeys.stream().filter(new HashSet<>(suite.pg.strings("npsloop_referral",
                "SELECT customer_key || '|' || store_id FROM referral_code"))::contains).count();
        long duplicateCodes = suite.pg.count("npsloop_referral",
                "SELECT count(*) FROM (SELECT customer_key FROM referral_code GROUP BY customer_key, store_id HAVING count(*) > 1) d");

        // clicks: stored once, counted once by analytics
        long storedClicks = Poll.untilEquals("referral flushed its click queue", Duration.ofSeconds(10), clicksAcknowledged.get(),
                () -> suite.pg.count("npsloop_referral", "SELECT count(*) FROM click") - clicksBefore);
        long analyticsClicks = Poll.untilEquals("analytics click count", Duration.ofSeconds(120), storedClicks + clicksBefore,
                () -> clicks(Http.get(suite.svc("analytics").url() + "/api/v1/referral-funnel?" + range, Chain.HQ))) - clicksBefore;

        Results.report("crash", String.format("responses %d stored %d (analytics %s = survey %s n/promoters/passives/detractors); "
                        + "promoters %d, codes %d, duplicate codes %d; clicks acknowledged %d, stored %d, analytics %d, lost to kill -9 %d; "
                        + "kills %s; other statuses %s; load %.1f s",
                RESPONSES, n, analytics, expected, promoterKeys.size(), codes, duplicateCodes, clicksAcknowledged.get(),
                storedClicks, analyticsClicks, clicksAcknowledged.get() - storedClicks, kills, new TreeMap<>(unexpected), loadSeconds));

        assertTrue(unexpected.isEmpty(), "only 2xx (or a refused connection to a killed process) expected: " + unexpected);
        assertEquals(expected, analytics, "analytics n/promoters/passives/detractors = survey's stored counts");
        assertEquals(promoterKeys.size(), codes, "one code per promoter");
        assertEquals(0, duplicateCodes, "no promoter with two codes");
        assertEquals(storedClicks, analyticsClicks, "analytics counts each stored click exactly once");
        assertTrue(storedClicks <= clicksAcknowledged.get(), "no click stored twice");
    }

    private static final Pattern FIELD = Pattern.compile("\"(n|promoters|passives|detractors|clicks)\"\\s*:\\s*(\\d+)");

    private static String npsCounts(Http.Resp r) {
        Map<String, String> f = fields(r);
        return f.get("n") + "/" + f.get("promoters") + "/" + f.get("passives") + "/" + f.get("detractors");
    }

    private static long clicks(Http.Resp r) {
        String c = fields(r).get("clicks");
        return c == null ? -1 : Long.parseLong(c);
    }

    private static Map<String, String> fields(Http.Resp r) {
        Map<String, String> f = new TreeMap<>();
        if (r.ok()) {
            Matcher m = FIELD.matcher(r.body());
            while (m.find()) {
                f.putIfAbsent(m.group(1), m.group(2));
            }
        }
        return f;
    }
}
