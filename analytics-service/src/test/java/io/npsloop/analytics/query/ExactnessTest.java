package io.npsloop.analytics.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.npsloop.analytics.feed.Events;
import io.npsloop.analytics.feed.FeedConsumer;
import io.npsloop.analytics.feed.FeedEvent;
import io.npsloop.analytics.feed.FeedPage;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.*;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Generates a few thousand random responses (with orders, invitations, late flags and recovery cases) over five
 * weeks and 8 stores, applies them through the consumer's code path in pages, and compares every dashboard figure
 * and several nps/segments/trend/drivers/recovery/funnel answers with a straightforward recomputation from the
 * raw events held in this test.
 */
@QuarkusTest
@TestProfile(FreshDatabaseProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactnessTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String[] STORES = {"X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"};
    static final String[] SERVICE = {"RESCUE", "MAINTENANCE", "REPAIR", "TYRE", "OTHER"};
    static final String[] PAYMENT = {"SELF_PAY", "WARRANTY", "INSURANCE"};
    static final String[] VISIT = {"FIRST_SERVICE", "ROUTINE", "REPEAT_REPAIR"};
    static final String[] TENURE = {"NEW", "MID", "OLD"};
    static final String[] LOCALITY = {"LOCAL", "NON_LOCAL"};
    static final String[] SPEND = {"LOW", "MID", "HIGH"};
    static final String[] AGE = {null, "A18_30", "A31_45", "A46_60"};
    static final String[] GENDER = {null, "M", "F"};
    static final String[] OCCUPATION = {null, "DRIVER", "OFFICE"};
    static final String[] CHANNEL = {"LINK", "LINK", "QR_IN_STORE", "IMPORT"};
    static final String[] ATTRS = {"serviceType", "paymentType", "visitKind", "tenure", "locality", "spendBand",
            "ageBand", "gender", "occupation", "channel"};
    static final String[] REASONS = {"WAIT_TIME", "PRICE", "REPAIR_QUALITY", "ATTITUDE", "TRANSPARENCY",
            "PROFESSIONALISM", "CLEANLINESS", "COMMUNICATION", "PARTS", "OTHER", "SOMETHING_NEW"};
    static final String[] RATINGS = {"responseSpeed", "professionalism", "transparency", "care"};
    static final Instant START = LocalDate.of(2026, 10, 26).atStartOfDay(ZONE).toInstant(); // Monday of W44
    static final Instant END = LocalDate.of(2026, 11, 30).atStartOfDay(ZONE).toInstant();
    static final LocalDate W48 = LocalDate.of(2026, 11, 23);

    record Resp(String id, String store, String region, Map<String, String> attrs, int score, boolean flagged,
                Map<String, Integer> ratings, Set<String> reasons, boolean resurvey, LocalDate day, boolean invited) {
        String attr(String k) {
            return attrs.get(k) == null ? "" : attrs.get(k);
        }

        char cat() {
            return score >= 9 ? 'P' : score >= 7 ? 'N' : 'D';
        }
    }

    record Case(Resp resp, LocalDate day, Integer firstContact, Boolean recovered) {
    }

    record Stamp(Instant at, String type, ObjectNode data) {
    }

    final List<Resp> responses = new ArrayList<>();
    final List<Case> cases = new ArrayList<>();
    final List<LocalDate> orderDays = new ArrayList<>();
    final List<LocalDate> inviteDays = new ArrayList<>();
    final List<LocalDate> openDays = new ArrayList<>();
    final Map<String, String> regionOf = new HashMap<>();

    @Inject
    FeedConsumer consumer;

    @BeforeAll
    void generateAndApply() {
        Random rnd = new Random(20261123);
        List<Stamp> stamps = new ArrayList<>();
        for (int i = 0; i < STORES.length; i++) {
            regionOf.put(STORES[i], "R" + (i % 3 + 1));
            stamps.add(new Stamp(START.minusSeconds(3600), "StoreUpserted", Events.data("storeId", STORES[i],
                    "regionId", "R" + (i % 3 + 1), "name", "Store " + i, "status", "ACTIVE")));
        }
        long span = END.getEpochSecond() - START.getEpochSecond();
        for (int i = 0; i < 4000; i++) {
            String store = STORES[rnd.nextInt(STORES.length)];
            Instant answered = START.plusSeconds((long) (rnd.nextDouble() * span));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("serviceType", pick(rnd, SERVICE));
            attrs.put("paymentType", pick(rnd, PAYMENT));
            attrs.put("visitKind", pick(rnd, VISIT));
            attrs.put("tenure", pick(rnd, TENURE));
            attrs.put("locality", pick(rnd, LOCALITY));
            attrs.put("spendBand", pick(rnd, SPEND));
            attrs.put("ageBand", pick(rnd, AGE));
            attrs.put("gender", pick(rnd, GENDER));
            attrs.put("occupation", pick(rnd, OCCUPATION));
            attrs.put("channel", pick(rnd, CHANNEL));
            LocalDate day = answered.atZone(ZONE).toLocalDate();
            // X1 and REPAIR fall apart in the last week: warnings must fire
            boolean bad = day.isAfter(W48.minusDays(1)) && (store.equals("X1") || attrs.get("serviceType").equals("REPAIR"));
            int score = bad ? rnd.nextInt(9) : Math.min(10, 3 + rnd.nextInt(9));
            boolean flagAtSubmit = rnd.nextDouble() < 0.08;
            boolean flagLater = rnd.nextDouble() < 0.06;
            Map<String, Integer> ratings = new LinkedHashMap<>();
            for (String r : RATINGS) {
                if (rnd.nextDouble() < 0.7) {
                    ratings.put(r, Math.max(1, Math.min(5, 1 + score / 3 + rnd.nextInt(3) - 1)));
                }
            }
            Set<String> reasons = new LinkedHashSet<>();
            int nr = rnd.nextInt(4);
            for (int k = 0; k < nr; k++) {
                reasons.add(pick(rnd, REASONS));
            }
            boolean resurvey = rnd.nextDouble() < 0.05;
            boolean invited = !attrs.get("channel").equals("IMPORT");
            String id = "resp-" + i;
            Resp resp = new Resp(id, store, regionOf.get(store), attrs, score, flagAtSubmit || flagLater, ratings,
                    reasons, resurvey, day, invited);
            responses.add(resp);

            Instant closed = answered.minusSeconds(3600 + rnd.nextInt(3 * 86400));
            if (invited) {
                ObjectNode order = orderData(id, store, attrs, closed);
                stamps.add(new Stamp(closed, "OrderCompleted", order));
                orderDays.add(closed.atZone(ZONE).toLocalDate());
                Instant created = closed.plusSeconds(60);
                ObjectNode inv = orderData(id, store, attrs, closed);
                inv.put("invitationId", "inv-" + id);
                inv.put("createdAt", iso(created, rnd));
                stamps.add(new Stamp(created, "InvitationCreated", inv));
                inviteDays.add(created.atZone(ZONE).toLocalDate());
                Instant opened = answered.minusSeconds(120);
                stamps.add(new Stamp(opened, "InvitationOpened", Events.data("invitationId", "inv-" + id,
                        "orderId", "ord-" + id, "storeId", store, "serviceType", attrs.get("serviceType"),
                        "channel", "LINK", "openedAt", iso(opened, rnd))));
                openDays.add(opened.atZone(ZONE).toLocalDate());
            }
            ObjectNode data = Events.response(id, store, regionOf.get(store), score, iso(answered, rnd), Map.of());
            attrs.forEach((k, v) -> data.set(k, Events.JSON.valueToTree(v)));
            if (!invited) {
                data.putNull("invitationId");
            }
            if (flagAtSubmit) {
                data.putArray("flags").addObject().put("rule", "SHARED_DEVICE").put("detail", "3 customers");
            }
            ObjectNode rt = data.putObject("ratings");
            ratings.forEach(rt::put);
            var rs = data.putArray("reasons");
            reasons.forEach(rs::add);
            data.put("resurvey", resurvey);
            stamps.add(new Stamp(answered, "ResponseSubmitted", data));
            if (flagLater) {
                Instant at = answered.plusSeconds(7200);
                ObjectNode f = Events.data("responseId", id, "storeId", store, "answeredAt", iso(answered, rnd));
                f.putArray("flags").addObject().put("rule", "ADVISOR_TEN_OUTLIER").put("detail", "z 3.4");
                stamps.add(new Stamp(at, "ResponseFlagged", f));
                if (rnd.nextBoolean()) { // a second flag on the same response must not count twice
                    stamps.add(new Stamp(at.plusSeconds(60), "ResponseFlagged", f));
                }
            }
            if (score <= 6) {
                Instant openedAt = answered.plusSeconds(30);
                String caseId = "case-" + i;
                stamps.add(new Stamp(openedAt, "CaseOpened", Events.data("caseId", caseId, "responseId", id,
                        "storeId", store, "score", score, "ownerRole", "STORE_MANAGER", "openedAt", iso(openedAt, rnd),
                        "dueAt", iso(openedAt.plusSeconds(3600), rnd))));
                Integer fc = rnd.nextDouble() < 0.85 ? 5 + rnd.nextInt(2000) : null;
                if (fc != null) {
                    Instant at = openedAt.plusSeconds(fc * 60L);
                    stamps.add(new Stamp(at, "CaseStageCompleted", Events.data("caseId", caseId, "storeId", store,
                            "stage", "FIRST_CONTACT", "completedAt", iso(at, rnd), "minutesSinceOpened", fc)));
                    stamps.add(new Stamp(at.plusSeconds(1), "CaseStageCompleted", Events.data("caseId", caseId,
                            "storeId", store, "stage", "ANALYSIS", "completedAt", iso(at, rnd), "minutesSinceOpened", fc + 1)));
                }
                Boolean recovered = null;
                if (rnd.nextDouble() < 0.7) {
                    recovered = rnd.nextDouble() < (fc == null ? 0.1 : fc <= 60 ? 0.8 : fc <= 240 ? 0.65 : 0.4);
                    Instant at = openedAt.plusSeconds((fc == null ? 3000 : fc) * 60L + 600);
                    ObjectNode c = Events.data("caseId", caseId, "storeId", store, "outcome",
                            recovered ? "RECOVERED" : "ABANDONED", "reason", "x", "closedAt", iso(at, rnd));
                    if (fc == null) {
                        c.putNull("firstContactMinutes");
                    } else {
                        c.put("firstContactMinutes", fc);
                    }
                    stamps.add(new Stamp(at, "CaseClosed", c));
                }
                cases.add(new Case(resp, openedAt.atZone(ZONE).toLocalDate(), fc, recovered));
            }
        }
        for (int i = 0; i < 1200; i++) { // orders nobody answered, some with an opened invitation
            String store = STORES[rnd.nextInt(STORES.length)];
            Instant closed = START.plusSeconds((long) (rnd.nextDouble() * span));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("serviceType", pick(rnd, SERVICE));
            attrs.put("tenure", pick(rnd, TENURE));
            stamps.add(new Stamp(closed, "OrderCompleted", orderData("u" + i, store, attrs, closed)));
            orderDays.add(closed.atZone(ZONE).toLocalDate());
            if (rnd.nextBoolean()) {
                ObjectNode inv = orderData("u" + i, store, attrs, closed);
                inv.put("invitationId", "inv-u" + i);
                inv.put("createdAt", iso(closed, rnd));
                stamps.add(new Stamp(closed, "InvitationCreated", inv));
                inviteDays.add(closed.atZone(ZONE).toLocalDate());
                stamps.add(new Stamp(closed.plusSeconds(10), "InvitationReminded", Events.data("invitationId", "inv-u" + i,
                        "storeId", store, "remindedAt", iso(closed, rnd))));
            }
        }
        stamps.sort(Comparator.comparing(Stamp::at)); // the feed's commit order
        long seq = 0;
        List<FeedEvent> page = new ArrayList<>();
        for (Stamp s : stamps) {
            page.add(new FeedEvent(++seq, UUID.randomUUID().toString(), s.type(), iso(s.at(), rnd), s.data()));
            if (page.size() == 777) {
                consumer.applyPage("survey", new FeedPage(List.copyOf(page), seq), 1000).await().atMost(Duration.ofMinutes(1));
                page.clear();
            }
        }
        consumer.applyPage("survey", new FeedPage(List.copyOf(page), seq), 1000).await().atMost(Duration.ofMinutes(1));
    }

    // ------------------------------------------------------------------ the comparisons

    @Test
    void everyDashboardFigureOfTheChainEqualsTheRecomputation() {
        JsonNode d = get("/api/v1/dashboard?week=2026-W48");
        compareDashboard(d, r -> true, s -> true);
        assertFalse(d.get("warnings").isEmpty(), "the generated drop must raise warnings");
        assertTrue(warningKeys(d).contains("NPS_DROP|STORE|X1"), warningKeys(d).toString());
        assertTrue(warningKeys(d).contains("NPS_DROP|SERVICE_TYPE|REPAIR"), warningKeys(d).toString());
    }

    @Test
    void dashboardOfTwoStoresEqualsTheRecomputation() {
        compareDashboard(get("/api/v1/dashboard?week=2026-W48&storeId=X2&storeId=X3"),
                r -> r.store().equals("X2") || r.store().equals("X3"), s -> s.equals("X2") || s.equals("X3"));
    }

    @Test
    void dashboardOfARegionAndAServiceTypeEqualsTheRecomputation() {
        compareDashboard(get("/api/v1/dashboard?week=2026-W47&regionId=R1&serviceType=MAINTENANCE&serviceType=REPAIR"),
                r -> r.region().equals("R1") && Set.of("MAINTENANCE", "REPAIR").contains(r.attr("serviceType")),
                s -> false);
    }

    @Test
    void npsForAnyPeriodAndFilterCombination() {
        LocalDate from = LocalDate.of(2026, 10, 29);
        LocalDate to = LocalDate.of(2026, 11, 17);
        Predicate<Resp> inRange = r -> !r.day().isBefore(from) && !r.day().isAfter(to);
        assertNps(get("/api/v1/nps?from=2026-10-29&to=2026-11-17"), fig(filter(inRange), false));
        assertNps(get("/api/v1/nps?from=2026-10-29&to=2026-11-17&tenure=NEW&tenure=MID"),
                fig(filter(inRange.and(r -> Set.of("NEW", "MID").contains(r.attr("tenure")))), false));
        assertNps(get("/api/v1/nps?from=2026-10-29&to=2026-11-17&channel=LINK&locality=LOCAL&gender=F&storeId=X4"),
                fig(filter(inRange.and(r -> r.attr("channel").equals("LINK") && r.attr("locality").equals("LOCAL")
                        && r.attr("gender").equals("F") && r.store().equals("X4"))), false));
        assertNps(get("/api/v1/nps?from=2026-11-30&to=2026-12-31"), fig(List.of(), false));
    }

    @Test
    void segmentsByEveryKindOfDimension() {
        LocalDate from = LocalDate.of(2026, 10, 26);
        LocalDate to = LocalDate.of(2026, 11, 29);
        for (String dim : List.of("SERVICE_TYPE", "AGE_BAND", "REGION", "STORE", "CHANNEL")) {
            compareSegments(get("/api/v1/segments?dimension=" + dim + "&from=" + from + "&to=" + to), dim, r -> true);
        }
        compareSegments(get("/api/v1/segments?dimension=TENURE&from=" + from + "&to=" + to
                + "&serviceType=REPAIR&paymentType=SELF_PAY"), "TENURE",
                r -> r.attr("serviceType").equals("REPAIR") && r.attr("paymentType").equals("SELF_PAY"));
        compareSegments(get("/api/v1/segments?dimension=OCCUPATION&from=" + from + "&to=" + to + "&occupation=DRIVER"),
                "OCCUPATION", r -> r.attr("occupation").equals("DRIVER"));
    }

    @Test
    void trendsByDayWeekAndMonth() {
        JsonNode weeks = get("/api/v1/trend?granularity=WEEK&from=2026-10-20&to=2026-12-01&spendBand=HIGH");
        List<String> labels = new ArrayList<>();
        weeks.get("points").forEach(p -> labels.add(p.get("period").asText()));
        assertEquals(List.of("2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49"), labels);
        for (JsonNode p : weeks.get("points")) {
            String w = p.get("period").asText();
            assertNps(p.get("nps"), fig(filter(r -> week(r.day()).equals(w) && r.attr("spendBand").equals("HIGH")), false));
        }
        JsonNode days = get("/api/v1/trend?granularity=DAY&from=2026-11-01&to=2026-11-07");
        assertEquals(7, days.get("points").size());
        for (JsonNode p : days.get("points")) {
            LocalDate day = LocalDate.parse(p.get("period").asText());
            assertNps(p.get("nps"), fig(filter(r -> r.day().equals(day)), false));
        }
        JsonNode months = get("/api/v1/trend?granularity=MONTH&from=2026-10-01&to=2026-11-30&storeId=X5");
        assertEquals(2, months.get("points").size());
        for (JsonNode p : months.get("points")) {
            String m = p.get("period").asText();
            assertNps(p.get("nps"), fig(filter(r -> r.day().toString().startsWith(m) && r.store().equals("X5")), false));
        }
    }

    @Test
    void driversRecoveryAndFunnel() {
        LocalDate from = LocalDate.of(2026, 11, 2);
        LocalDate to = LocalDate.of(2026, 11, 22);
        Predicate<LocalDate> in = d -> !d.isBefore(from) && !d.isAfter(to);
        String q = "from=" + from + "&to=" + to;
        JsonNode drivers = get("/api/v1/drivers?" + q).get("drivers");
        assertEquals(4, drivers.size());
        for (JsonNode dr : drivers) {
            String rating = dr.get("rating").asText();
            List<Resp> rs = filter(r -> in.test(r.day()) && r.ratings().containsKey(rating));
            assertEquals(rs.size(), dr.get("n").asLong());
            double mx = rs.stream().mapToInt(r -> r.ratings().get(rating)).average().orElseThrow();
            double my = rs.stream().mapToInt(Resp::score).average().orElseThrow();
            double cov = 0, vx = 0, vy = 0;
            for (Resp r : rs) {
                double dx = r.ratings().get(rating) - mx;
                double dy = r.score() - my;
                cov += dx * dy;
                vx += dx * dx;
                vy += dy * dy;
            }
            assertEquals(cov / Math.sqrt(vx * vy), dr.get("correlation").asDouble(), 0.0006, rating);
        }
        compareRecovery(get("/api/v1/recovery?" + q), c -> in.test(c.day()), r -> in.test(r.day()));
        compareRecovery(get("/api/v1/recovery?" + q + "&storeId=X6&tenure=OLD"),
                c -> in.test(c.day()) && c.resp().store().equals("X6") && c.resp().attr("tenure").equals("OLD"),
                r -> in.test(r.day()) && r.store().equals("X6") && r.attr("tenure").equals("OLD"));

        JsonNode f = get("/api/v1/funnel?" + q);
        long completed = orderDays.stream().filter(in).count();
        long invited = inviteDays.stream().filter(in).count();
        long opened = openDays.stream().filter(in).count();
        long answered = responses.stream().filter(r -> r.invited() && in.test(r.day())).count();
        assertEquals(completed, f.get("completedOrders").asLong());
        assertEquals(invited, f.get("invited").asLong());
        assertEquals(opened, f.get("opened").asLong());
        assertEquals(answered, f.get("answered").asLong());
        assertEquals(pct(answered, invited), dbl(f.get("responseRate")));
        assertEquals(pct(answered, completed), dbl(f.get("coverage")));
    }

    // ------------------------------------------------------------------ the independent computation

    record Fig(long n, long p, long pa, long d) {
        double se() {
            double pp = (double) p / n;
            double dd = (double) d / n;
            return 100 * Math.sqrt((pp + dd - (pp - dd) * (pp - dd)) / n);
        }

        double raw() {
            return 100.0 * (p - d) / n;
        }
    }

    static Fig fig(List<Resp> rs, boolean verifiedOnly) {
        long p = 0, pa = 0, d = 0;
        for (Resp r : rs) {
            if (verifiedOnly && r.flagged()) {
                continue;
            }
            switch (r.cat()) {
                case 'P' -> p++;
                case 'N' -> pa++;
                default -> d++;
            }
        }
        return new Fig(p + pa + d, p, pa, d);
    }

    List<Resp> filter(Predicate<Resp> p) {
        return responses.stream().filter(p).toList();
    }

    static Double pct(long part, long whole) {
        return whole == 0 ? null : new BigDecimal(100L * part).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }

    static Double npsValue(Fig f) {
        return f.n() == 0 ? null : new BigDecimal(100L * (f.p() - f.d())).divide(BigDecimal.valueOf(f.n()), 1,
                RoundingMode.HALF_UP).doubleValue() + 0.0;
    }

    static Double r1(double x) {
        return BigDecimal.valueOf(x).setScale(1, RoundingMode.HALF_UP).doubleValue() + 0.0;
    }

    void assertNps(JsonNode j, Fig f) {
        assertEquals(f.n(), j.get("n").asLong(), j.toString());
        assertEquals(f.p(), j.get("promoters").asLong());
        assertEquals(f.pa(), j.get("passives").asLong());
        assertEquals(f.d(), j.get("detractors").asLong());
        assertFalse(j.get("suppressed").asBoolean());
        assertEquals(npsValue(f), dbl(j.get("value")), j.toString());
        assertEquals(pct(f.p(), f.n()), dbl(j.get("promoterShare")));
        assertEquals(pct(f.pa(), f.n()), dbl(j.get("passiveShare")));
        assertEquals(pct(f.d(), f.n()), dbl(j.get("detractorShare")));
        if (f.n() == 0) {
            assertNull(dbl(j.get("marginOfError")));
            return;
        }
        assertEquals(r1(1.96 * f.se()), dbl(j.get("marginOfError")));
        double an = f.n() + 3;
        double ap = (f.p() + 0.75) / an;
        double ad = (f.d() + 0.75) / an;
        double center = 100 * (ap - ad);
        double ase = 100 * Math.sqrt((ap + ad - (ap - ad) * (ap - ad)) / an);
        assertEquals(r1(Math.max(-100, center - 1.96 * ase)), dbl(j.get("intervalLow")));
        assertEquals(r1(Math.min(100, center + 1.96 * ase)), dbl(j.get("intervalHigh")));
    }

    void compareSegments(JsonNode j, String dim, Predicate<Resp> base) {
        Function<Resp, String> key = switch (dim) {
            case "STORE" -> Resp::store;
            case "REGION" -> Resp::region;
            default -> r -> r.attr(attrName(dim));
        };
        Map<String, List<Resp>> groups = responses.stream().filter(base)
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
        assertEquals(dim, j.get("dimension").asText());
        List<String> keys = new ArrayList<>();
        j.get("segments").forEach(s -> keys.add(s.get("key").asText()));
        assertEquals(new ArrayList<>(groups.keySet()), keys, dim);
        for (JsonNode s : j.get("segments")) {
            assertNps(s.get("nps"), fig(groups.get(s.get("key").asText()), false));
        }
    }

    static String attrName(String dim) {
        String[] parts = dim.toLowerCase().split("_");
        return parts[0] + (parts.length > 1 ? Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1) : "");
    }

    void compareRecovery(JsonNode j, Predicate<Case> cs, Predicate<Resp> rs) {
        List<Case> in = cases.stream().filter(cs).toList();
        List<Case> contacted = in.stream().filter(c -> c.firstContact() != null).toList();
        assertEquals(contacted.isEmpty() ? null : r1(contacted.stream().mapToLong(Case::firstContact).sum()
                / (double) contacted.size()), dbl(j.get("avgFirstContactMinutes")));
        List<Case> closed = in.stream().filter(c -> c.recovered() != null).toList();
        assertEquals(pct(closed.stream().filter(Case::recovered).count(), closed.size()), dbl(j.get("recoveryRate")));
        List<Resp> re = filter(rs.and(Resp::resurvey));
        assertEquals(pct(re.stream().filter(r -> r.cat() == 'D').count(), re.size()), dbl(j.get("secondaryDetractorRate")));
        String[] names = {"LE_1H", "LE_4H", "LE_24H", "GT_24H"};
        for (int i = 0; i < 4; i++) {
            JsonNode b = j.get("byLatency").get(i);
            assertEquals(names[i], b.get("bucket").asText());
            String name = names[i];
            List<Case> bc = closed.stream().filter(c -> bucket(c.firstContact()).equals(name)).toList();
            long rec = bc.stream().filter(Case::recovered).count();
            assertEquals(bc.size(), b.get("cases").asLong());
            assertEquals(rec, b.get("recovered").asLong());
            assertEquals(pct(rec, bc.size()), dbl(b.get("rate")));
        }
    }

    static String bucket(Integer m) {
        return m == null ? "GT_24H" : m <= 60 ? "LE_1H" : m <= 240 ? "LE_4H" : m <= 1440 ? "LE_24H" : "GT_24H";
    }

    void compareDashboard(JsonNode j, Predicate<Resp> sel, Predicate<String> storeWarnings) {
        String w0 = j.get("week").asText();
        LocalDate monday = LocalDate.of(Integer.parseInt(w0.substring(0, 4)), 6, 1)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(w0.substring(6))).with(java.time.DayOfWeek.MONDAY);
        String w1 = week(monday.minusWeeks(1));
        String w2 = week(monday.minusWeeks(2));
        List<Resp> cur = filter(sel.and(r -> week(r.day()).equals(w0)));
        List<Resp> prev = filter(sel.and(r -> week(r.day()).equals(w1)));
        List<Resp> prev2 = filter(sel.and(r -> week(r.day()).equals(w2)));
        Fig fc = fig(cur, false);
        Fig fp = fig(prev, false);
        assertNps(j.get("nps"), fc);
        assertNps(j.get("verifiedNps"), fig(cur, true));
        assertEquals(pct(cur.stream().filter(r -> !r.flagged()).count(), cur.size()), dbl(j.get("authenticityRate")));

        assertNpsMetric(j.get("overallNps"), fc, fp);
        assertShareMetric(j.get("promoterShare"), fc.p(), fc.n(), fp.p(), fp.n());
        assertShareMetric(j.get("passiveShare"), fc.pa(), fc.n(), fp.pa(), fp.n());
        assertShareMetric(j.get("detractorShare"), fc.d(), fc.n(), fp.d(), fp.n());
        assertNpsMetric(j.get("newCustomerNps"), fig(attr(cur, "tenure", "NEW"), false), fig(attr(prev, "tenure", "NEW"), false));
        assertNpsMetric(j.get("oldCustomerNps"), fig(attr(cur, "tenure", "OLD"), false), fig(attr(prev, "tenure", "OLD"), false));
        assertNpsMetric(j.get("maintenanceNps"), fig(attr(cur, "serviceType", "MAINTENANCE"), false),
                fig(attr(prev, "serviceType", "MAINTENANCE"), false));
        assertNpsMetric(j.get("repairNps"), fig(attr(cur, "serviceType", "REPAIR"), false),
                fig(attr(prev, "serviceType", "REPAIR"), false));

        long d2 = fig(prev2, false).d();
        Double g0 = fp.d() == 0 ? null : r1(100.0 * (fc.d() - fp.d()) / fp.d());
        Double g1 = d2 == 0 ? null : r1(100.0 * (fp.d() - d2) / d2);
        assertMetric(j.get("detractorGrowth"), g0, g1, null);

        List<Case> cc = cases.stream().filter(c -> sel.test(c.resp()) && week(c.day()).equals(w0)).toList();
        List<Case> cp = cases.stream().filter(c -> sel.test(c.resp()) && week(c.day()).equals(w1)).toList();
        long[] a = contactStats(cc);
        long[] b = contactStats(cp);
        Double av = a[0] == 0 ? null : r1((double) a[1] / a[0]);
        Double bv = b[0] == 0 ? null : r1((double) b[1] / b[0]);
        Boolean sig = null;
        if (av != null && bv != null) {
            double m1 = (double) a[1] / a[0], m2 = (double) b[1] / b[0];
            double v1 = (a[2] - a[0] * m1 * m1) / (a[0] - 1), v2 = (b[2] - b[0] * m2 * m2) / (b[0] - 1);
            double z = (m1 - m2) / Math.sqrt(v1 / a[0] + v2 / b[0]);
            sig = a[0] >= 30 && b[0] >= 30 && Math.abs(z) >= 1.96;
        }
        assertMetric(j.get("avgFirstContactMinutes"), av, bv, sig);
        long[] rc = recovered(cc);
        long[] rp = recovered(cp);
        assertShareMetric(j.get("recoveryRate"), rc[0], rc[1], rp[0], rp[1]);
        List<Resp> rsc = cur.stream().filter(Resp::resurvey).toList();
        List<Resp> rsp = prev.stream().filter(Resp::resurvey).toList();
        assertShareMetric(j.get("secondaryDetractorRate"), rsc.stream().filter(r -> r.cat() == 'D').count(), rsc.size(),
                rsp.stream().filter(r -> r.cat() == 'D').count(), rsp.size());

        // warnings
        Set<String> expected = new TreeSet<>();
        if (fp.d() > 0 && g0 != null && g0 >= 50) {
            expected.add("DETRACTOR_GROWTH|null|null");
        }
        Map<String, Function<Resp, String>> dims = new LinkedHashMap<>();
        dims.put("STORE", Resp::store);
        dims.put("REGION", Resp::region);
        for (String attr : ATTRS) {
            dims.put(attr.replaceAll("([A-Z])", "_$1").toUpperCase(), r -> r.attr(attr));
        }
        dims.forEach((dim, f) -> {
            Map<String, List<Resp>> gc = cur.stream().collect(Collectors.groupingBy(f));
            Map<String, List<Resp>> gp = prev.stream().collect(Collectors.groupingBy(f));
            gc.forEach((k, list) -> {
                if (!gp.containsKey(k)) {
                    return;
                }
                Fig x = fig(list, false);
                Fig y = fig(gp.get(k), false);
                if (x.n() < 30 || y.n() < 30) {
                    return;
                }
                double z = (x.raw() - y.raw()) / Math.sqrt(x.se() * x.se() + y.se() * y.se());
                if (z <= -1.96) {
                    expected.add("NPS_DROP|" + dim + "|" + k);
                }
                if (y.d() > 0 && r1(100.0 * (x.d() - y.d()) / y.d()) >= 50) {
                    expected.add("DETRACTOR_GROWTH|" + dim + "|" + k);
                }
            });
        });
        assertEquals(expected, new TreeSet<>(warningKeys(j)));

        // top detractor reasons
        Map<String, Long> reasons = new TreeMap<>();
        for (Resp r : cur) {
            if (r.cat() == 'D') {
                r.reasons().stream().map(x -> x.equals("SOMETHING_NEW") ? "OTHER" : x).distinct()
                        .forEach(x -> reasons.merge(x, 1L, Long::sum));
            }
        }
        List<String> exp = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + "=" + e.getValue() + "@" + pct(e.getValue(), fc.d())).toList();
        List<String> got = new ArrayList<>();
        j.get("topDetractorReasons").forEach(x -> got.add(x.get("reason").asText() + "=" + x.get("count").asLong()
                + "@" + dbl(x.get("share"))));
        assertEquals(exp, got);
        assertNotNull(j.get("coverage"));
        assertNotNull(j.get("responseRate"));
    }

    List<String> warningKeys(JsonNode j) {
        List<String> out = new ArrayList<>();
        j.get("warnings").forEach(w -> {
            // COVERAGE_OUTLIER (orders vs answers, HQ only) has its own test: coverage/CoverageOutlierResourceTest
            if (!"COVERAGE_OUTLIER".equals(w.get("kind").asText())) {
                out.add(w.get("kind").asText() + "|" + w.get("dimension").asText() + "|" + w.get("segment").asText());
            }
        });
        return out;
    }

    static long[] contactStats(List<Case> cs) {
        long n = 0, sum = 0, sq = 0;
        for (Case c : cs) {
            if (c.firstContact() != null) {
                n++;
                sum += c.firstContact();
                sq += (long) c.firstContact() * c.firstContact();
            }
        }
        return new long[]{n, sum, sq};
    }

    static long[] recovered(List<Case> cs) {
        long closed = cs.stream().filter(c -> c.recovered() != null).count();
        long rec = cs.stream().filter(c -> Boolean.TRUE.equals(c.recovered())).count();
        return new long[]{rec, closed};
    }

    static List<Resp> attr(List<Resp> rs, String attr, String value) {
        return rs.stream().filter(r -> r.attr(attr).equals(value)).toList();
    }

    void assertNpsMetric(JsonNode m, Fig a, Fig b) {
        Double v = npsValue(a);
        Double p = npsValue(b);
        Boolean sig = null;
        if (v != null && p != null) {
            double z = (a.raw() - b.raw()) / Math.sqrt(a.se() * a.se() + b.se() * b.se());
            sig = a.n() >= 30 && b.n() >= 30 && Math.abs(z) >= 1.96;
        }
        assertMetric(m, v, p, sig);
    }

    void assertShareMetric(JsonNode m, long x1, long n1, long x2, long n2) {
        Double v = pct(x1, n1);
        Double p = pct(x2, n2);
        Boolean sig = null;
        if (v != null && p != null) {
            double pooled = (double) (x1 + x2) / (n1 + n2);
            double den = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
            double z = den == 0 ? 0 : ((double) x1 / n1 - (double) x2 / n2) / den;
            sig = n1 >= 30 && n2 >= 30 && Math.abs(z) >= 1.96;
        }
        assertMetric(m, v, p, sig);
    }

    void assertMetric(JsonNode m, Double value, Double previous, Boolean significant) {
        assertEquals(value, dbl(m.get("value")), m.toString());
        assertEquals(previous, dbl(m.get("previous")), m.toString());
        assertEquals(value == null || previous == null ? null : r1(value - previous), dbl(m.get("delta")), m.toString());
        assertEquals(significant, m.get("significant").isNull() ? null : m.get("significant").asBoolean(), m.toString());
    }

    static Double dbl(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble() + 0.0;
    }

    static String week(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    static JsonNode get(String path) {
        String body = given().auth().oauth2(TestTokens.token("HQ_ANALYST")).get(path).then().statusCode(200)
                .extract().asString();
        try {
            return Events.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static ObjectNode orderData(String id, String store, Map<String, String> attrs, Instant closed) {
        ObjectNode o = Events.data("orderId", "ord-" + id, "storeId", store, "closedAt",
                closed.atOffset(ZoneOffset.ofHours(8)).toString(), "customerKey", "ck-" + id, "invited", true);
        attrs.forEach((k, v) -> {
            if (!k.equals("channel")) {
                o.set(k, Events.JSON.valueToTree(v));
            }
        });
        return o;
    }

    /** The same instant, sometimes in the chain's offset, sometimes in UTC: days are the chain zone's either way. */
    static String iso(Instant i, Random rnd) {
        return (rnd.nextBoolean() ? i.atOffset(ZoneOffset.ofHours(8)) : i.atOffset(ZoneOffset.UTC)).toString();
    }

    static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
