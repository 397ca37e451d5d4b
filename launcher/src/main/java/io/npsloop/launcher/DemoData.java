package io.npsloop.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic demo chain loaded through the public APIs on an empty database: 12 stores in 3 regions, 40 advisors,
 * 12 weeks of history (CSV import) whose scores differ by segment, and this week's orders answered through the
 * survey API — including a farmed cluster (one device answering for several customers).
 */
final class DemoData {

    private static final ZoneId CHAIN_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[][] REGIONS = {{"R1", "华东大区"}, {"R2", "华南大区"}, {"R3", "华北大区"}};
    private static final String[][] STORES = {
            {"S01", "杭州西湖服务中心", "杭州", "R1"}, {"S02", "上海浦东服务中心", "上海", "R1"},
            {"S03", "南京河西服务中心", "南京", "R1"}, {"S04", "苏州园区服务中心", "苏州", "R1"},
            {"S05", "广州天河服务中心", "广州", "R2"}, {"S06", "深圳南山服务中心", "深圳", "R2"},
            {"S07", "东莞南城服务中心", "东莞", "R2"}, {"S08", "佛山禅城服务中心", "佛山", "R2"},
            {"S09", "北京朝阳服务中心", "北京", "R3"}, {"S10", "天津河西服务中心", "天津", "R3"},
            {"S11", "郑州金水服务中心", "郑州", "R3"}, {"S12", "济南历下服务中心", "济南", "R3"}};
    /** Store quality shifts the score distribution: the demo has clear leaders and laggards. */
    private static final double[] STORE_QUALITY = {0.9, 0.4, 0.2, 0.5, 0.1, 0.6, -0.6, 0.0, 0.3, -0.3, -0.1, 0.2};
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明"};
    private static final String[] SERVICE_TYPES = {"MAINTENANCE", "MAINTENANCE", "MAINTENANCE", "REPAIR", "REPAIR", "TYRE", "RESCUE", "OTHER"};
    private static final String[] PRAISE = {"师傅很专业，讲解清楚", "救援到得很快，态度很好", "价格透明，没有乱收费",
            "环境干净，休息区舒服", "The advisor explained everything clearly", "保养很快，服务周到"};
    private static final String[] COMPLAINTS = {"等了两个多小时才修好", "价格比说好的贵了不少", "修完没两天又坏了，要返修",
            "服务顾问态度很差", "配件要等一周", "收费不透明，没有提前告知", "Waited far too long for a simple oil change"};
    private static final String[] DETRACTOR_REASONS = {"WAIT_TIME", "PRICE", "REPAIR_QUALITY", "ATTITUDE", "TRANSPARENCY", "PARTS"};

    private final DevKeys keys;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(20261123L);
    private final String survey = Service.named("survey").baseUrl();
    private String integrationToken;
    private int customerSeq;

    DemoData(DevKeys keys, PrintStream out) {
        this.keys = keys;
        this.out = out;
    }

    void loadIfEmpty() {
        if ("false".equalsIgnoreCase(System.getenv("NPSLOOP_DEMO"))) {
            return;
        }
        integrationToken = keys.token("INTEGRATION", List.of(), List.of(), Duration.ofHours(1));
        String hq = keys.token("HQ_ANALYST", List.of(), List.of(), Duration.ofHours(1));
        JsonNode stores = call("GET", survey + "/api/v1/stores?limit=1", null, hq, "application/json");
        if (stores.path("items").size() > 0) {
            out.println("npsloop: demo data already loaded (the directory has stores).");
            return;
        }
        out.println("npsloop: loading demo data (12 stores, 12 weeks)…");
        directory();
        int imported = history();
        int live = thisWeek();
        out.println("npsloop: demo data loaded: " + imported + " historical responses imported, "
                + live + " answered through the survey API this week.");
    }

    private void directory() {
        for (String[] r : REGIONS) {
            call("POST", survey + "/api/v1/regions", json.createObjectNode().put("id", r[0]).put("name", r[1]));
        }
        for (int i = 0; i < STORES.length; i++) {
            String[] s = STORES[i];
            ObjectNode store = json.createObjectNode().put("id", s[0]).put("name", s[1]).put("city", s[2]).put("regionId", s[3]);
            store.putArray("networks").add("10.8." + (i + 1) + ".0/24");
            store.putObject("alertRecipients")
                    .put("STORE_MANAGER", "wecom:" + s[0].toLowerCase() + "-manager")
                    .put("GENERAL_MANAGER", "wecom:" + s[0].toLowerCase() + "-gm");
            call("POST", survey + "/api/v1/stores", store);
        }
    }

    /** Twelve finished weeks before this one, as one CSV import. */
    private int history() {
        LocalDate thisMonday = LocalDate.now(CHAIN_ZONE).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        StringBuilder csv = new StringBuilder(
                "orderId,storeId,advisorId,technicianId,closedAt,serviceType,paymentType,visitKind,amountCents,"
                        + "customerId,phone,name,tenureMonths,regionCode,locality,ageBand,gender,occupation,"
                        + "score,comment,answeredAt,responseSpeed,professionalism,transparency,care,reasons\n");
        int rows = 0;
        for (int week = 12; week >= 1; week--) {
            LocalDate monday = thisMonday.minusWeeks(week);
            for (int s = 0; s < STORES.length; s++) {
                int orders = 22 + random.nextInt(14);
                for (int o = 0; o < orders; o++) {
                    Order order = order(s, monday.atStartOfDay(CHAIN_ZONE).plusMinutes(8 * 60 + random.nextInt(7 * 24 * 60 - 10 * 60)),
                            "H" + monday + "-" + STORES[s][0] + "-" + o);
                    if (random.nextDouble() > 0.62) {
                        continue;
                    }
                    // Late weeks: S07 slides (a warning for the dashboard); S02 improves after an initiative.
                    double drift = s == 6 ? -0.08 * (12 - week) : s == 1 ? 0.05 * (12 - week) : 0;
                    int score = score(s, order, drift);
                    ZonedDateTime answered = order.closedAt.plusMinutes(30 + random.nextInt(60 * 30));
                    csv.append(String.join(",", order.id, order.store, order.advisor, order.technician,
                            order.closedAt.toOffsetDateTime().toString(), order.serviceType, order.paymentType,
                            order.visitKind, String.valueOf(order.amountCents), order.customer.id, order.customer.phone,
                            order.customer.name, String.valueOf(order.customer.tenureMonths), order.customer.regionCode,
                            order.customer.locality, order.customer.ageBand, order.customer.gender, order.customer.occupation,
                            String.valueOf(score), csvText(comment(score)), answered.toOffsetDateTime().toString(),
                            String.valueOf(rating(score)), String.valueOf(rating(score)), String.valueOf(rating(score)),
                            String.valueOf(rating(score)), score <= 6 ? detractorReason() : "")).append('\n');
                    rows++;
                }
            }
        }
        JsonNode report = call("POST", survey + "/api/v1/imports", csv.toString(), integrationToken, "text/csv");
        return report.path("accepted").asInt(rows);
    }

    /** This week's orders through the order API, most of them answered through the public survey API. */
    private int thisWeek() {
        ZonedDateTime now = ZonedDateTime.now(CHAIN_ZONE);
        int answered = 0;
        for (int s = 0; s < STORES.length; s++) {
            for (int o = 0; o < 12; o++) {
                Order order = order(s, now.minusHours(2 + random.nextInt(60)), "L" + now.toLocalDate() + "-" + STORES[s][0] + "-" + o);
                JsonNode invitation = call("POST", survey + "/api/v1/orders", order.toJson(json));
                if (!invitation.path("invited").asBoolean(false) || random.nextDouble() > 0.65) {
                    continue;
                }
                // S05's advisor "helps" customers answer on one phone: the farmed cluster authenticity flags.
                String device = s == 4 && o < 5 ? "Mozilla/5.0 (Linux; Android 14; store-tablet)" : "Mozilla/5.0 demo-" + order.customer.id;
                int score = s == 4 && o < 5 ? 10 : score(s, order, 0);
                ObjectNode body = json.createObjectNode().put("score", score);
                String comment = comment(score);
                if (comment != null) {
                    body.put("comment", comment);
                }
                ObjectNode ratings = body.putObject("ratings");
                for (String r : new String[]{"responseSpeed", "professionalism", "transparency", "care"}) {
                    ratings.put(r, rating(score));
                }
                if (score <= 6) {
                    body.putArray("reasons").add(detractorReason());
                }
                send("POST", survey + "/api/v1/surveys/" + invitation.path("token").asText() + "/response",
                        body.toString(), null, "application/json", Map.of("User-Agent", device));
                answered++;
            }
        }
        return answered;
    }

    private int score(int store, Order order, double drift) {
        double mood = 8.1 + STORE_QUALITY[store] + drift + random.nextGaussian() * 1.7;
        mood += switch (order.serviceType) {
            case "RESCUE" -> 0.8;
            case "REPAIR" -> -0.7;
            default -> 0;
        };
        mood += "REPEAT_REPAIR".equals(order.visitKind) ? -2.0 : 0;
        mood += order.customer.tenureMonths > 12 ? 0.4 : order.customer.tenureMonths < 6 ? -0.3 : 0;
        mood += "NON_LOCAL".equals(order.customer.locality) ? -0.5 : 0;
        return (int) Math.max(0, Math.min(10, Math.round(mood)));
    }

    /** A 1–5 quality rating that tracks the score loosely, so the driver analysis has something to find. */
    private int rating(int score) {
        return Math.max(1, Math.min(5, (int) Math.round(score / 2.2 + random.nextGaussian() * 0.7)));
    }

    private String detractorReason() {
        return DETRACTOR_REASONS[random.nextInt(DETRACTOR_REASONS.length)];
    }

    private String comment(int score) {
        if (random.nextDouble() < 0.45) {
            return null;
        }
        return score >= 9 ? PRAISE[random.nextInt(PRAISE.length)]
                : score <= 6 ? COMPLAINTS[random.nextInt(COMPLAINTS.length)] : null;
    }

    private Order order(int store, ZonedDateTime closedAt, String id) {
        int advisorsPerStore = store < 4 ? 4 : 3;
        String storeId = STORES[store][0];
        String type = SERVICE_TYPES[random.nextInt(SERVICE_TYPES.length)];
        double visit = random.nextDouble();
        String visitKind = visit < 0.15 ? "FIRST_SERVICE" : visit < 0.88 ? "ROUTINE" : "REPEAT_REPAIR";
        double pay = random.nextDouble();
        String payment = "RESCUE".equals(type) && pay < 0.5 ? "INSURANCE" : pay < 0.78 ? "SELF_PAY" : pay < 0.9 ? "WARRANTY" : "INSURANCE";
        long amount = switch (type) {
            case "MAINTENANCE" -> 30_000 + random.nextInt(90_000);
            case "REPAIR" -> 80_000 + random.nextInt(600_000);
            case "TYRE" -> 40_000 + random.nextInt(160_000);
            case "RESCUE" -> 20_000 + random.nextInt(60_000);
            default -> 10_000 + random.nextInt(50_000);
        };
        return new Order(id, storeId, storeId + "-A" + (1 + random.nextInt(advisorsPerStore)), storeId + "-T" + (1 + random.nextInt(5)),
                closedAt.truncatedTo(ChronoUnit.SECONDS), type, payment, visitKind, amount, customer());
    }

    private Customer customer() {
        int n = ++customerSeq;
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
        String[] ages = {"18-25", "26-35", "36-45", "46-60", "60+"};
        String[] jobs = {"OFFICE", "BUSINESS_OWNER", "DRIVER", "CIVIL_SERVANT", "RETIRED", "OTHER"};
        return new Customer("C" + n, String.format("139%08d", 10_000_000 + n), name, random.nextInt(48),
                "R" + (1 + random.nextInt(3)), random.nextDouble() < 0.82 ? "LOCAL" : "NON_LOCAL",
                ages[random.nextInt(ages.length)], random.nextDouble() < 0.68 ? "M" : "F", jobs[random.nextInt(jobs.length)]);
    }

    private JsonNode call(String method, String url, ObjectNode body) {
        return call(method, url, body.toString(), integrationToken, "application/json");
    }

    private JsonNode call(String method, String url, String body, String token, String contentType) {
        return send(method, url, body, token, contentType, Map.of());
    }

    private JsonNode send(String method, String url, String body, String token, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType + "; charset=UTF-8");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new LauncherException("demo data: " + method + " " + URI.create(url).getPath() + " answered "
                        + response.statusCode() + ": " + response.body().lines().findFirst().orElse(""));
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new LauncherException("demo data: " + method + " " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("demo data: interrupted");
        }
    }

    private static String csvText(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private record Customer(String id, String phone, String name, int tenureMonths, String regionCode, String locality,
                            String ageBand, String gender, String occupation) {
    }

    private record Order(String id, String store, String advisor, String technician, ZonedDateTime closedAt,
                         String serviceType, String paymentType, String visitKind, long amountCents, Customer customer) {

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode o = json.createObjectNode()
                    .put("orderId", id).put("storeId", store).put("advisorId", advisor).put("technicianId", technician)
                    .put("closedAt", OffsetDateTime.from(closedAt).toString()).put("serviceType", serviceType)
                    .put("paymentType", paymentType).put("visitKind", visitKind).put("amountCents", amountCents);
            o.putObject("customer").put("id", customer.id).put("phone", customer.phone).put("name", customer.name)
                    .put("tenureMonths", customer.tenureMonths).put("regionCode", customer.regionCode)
                    .put("locality", customer.locality).put("ageBand", customer.ageBand).put("gender", customer.gender)
                    .put("occupation", customer.occupation);
            return o;
        }
    }
}
