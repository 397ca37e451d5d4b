package io.npsloop.reliability;

import io.npsloop.testsupport.TestTokens;

import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The customer journey through the public APIs: directory, an order, its survey answer, a referral click. */
final class Chain {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String INTEGRATION = TestTokens.token("INTEGRATION");
    static final String HQ = TestTokens.token("HQ_ANALYST");
    static final String SERVICE = TestTokens.token("SERVICE");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final String survey;

    Chain(String surveyUrl) {
        this.survey = surveyUrl;
    }

    void directory(int stores) {
        expectOk(Http.postJson(survey + "/api/v1/regions", "{\"id\":\"R1\",\"name\":\"Region One\"}", INTEGRATION));
        for (int s = 1; s <= stores; s++) {
            String id = store(s);
            expectOk(Http.postJson(survey + "/api/v1/stores", "{\"id\":\"" + id + "\",\"name\":\"Store " + s
                    + "\",\"city\":\"Hangzhou\",\"regionId\":\"R1\",\"networks\":[\"10.9." + s + ".0/24\"],"
                    + "\"alertRecipients\":{\"STORE_MANAGER\":\"wecom:m" + s + "\",\"GENERAL_MANAGER\":\"wecom:g" + s + "\"}}",
                    INTEGRATION));
        }
    }

    static String store(int s) {
        return String.format("S%02d", s);
    }

    /** POST /api/v1/orders for a new customer (unique phone, so no quiet period suppresses it). */
    Http.Resp order(String orderId, int n, int stores) {
        return orderAt(orderId, n, store(1 + n % stores));
    }

    Http.Resp orderAt(String orderId, int n, String store) {
        String closed = OffsetDateTime.now(ZONE).minusHours(2).truncatedTo(ChronoUnit.SECONDS).toString();
        String json = "{\"orderId\":\"" + orderId + "\",\"storeId\":\"" + store + "\",\"advisorId\":\"" + store + "-A1\","
                + "\"technicianId\":\"" + store + "-T1\",\"closedAt\":\"" + closed + "\",\"serviceType\":\"MAINTENANCE\","
                + "\"paymentType\":\"SELF_PAY\",\"visitKind\":\"ROUTINE\",\"amountCents\":45000,"
                + "\"customer\":{\"id\":\"C" + orderId + "\",\"phone\":\"" + String.format("139%08d", n) + "\","
                + "\"name\":\"王小明\",\"tenureMonths\":12,\"regionCode\":\"R1\",\"locality\":\"LOCAL\","
                + "\"ageBand\":\"26-35\",\"gender\":\"M\",\"occupation\":\"OFFICE\"}}";
        return Http.postJson(survey + "/api/v1/orders", json, INTEGRATION);
    }

    static String token(Http.Resp orderResponse) {
        Matcher m = TOKEN.matcher(orderResponse.body() == null ? "" : orderResponse.body());
        return m.find() ? m.group(1) : null;
    }

    /** POST /api/v1/surveys/{token}/response, each answer from its own device so authenticity flags nothing. */
    Http.Resp respond(String token, int score, int n) {
        String body = "{\"score\":" + score + ",\"ratings\":{\"responseSpeed\":4,\"professionalism\":4,\"transparency\":4,\"care\":4}"
                + (score <= 6 ? ",\"reasons\":[\"WAIT_TIME\"]" : "") + "}";
        return Http.send("POST", survey + "/api/v1/surveys/" + token + "/response", HttpRequest.BodyPublishers.ofString(body),
                null, "application/json", Map.of("User-Agent", "Mozilla/5.0 reliability-" + n));
    }

    private static void expectOk(Http.Resp r) {
        if (!r.ok()) {
            throw new AssertionError("setup request failed: " + r);
        }
    }
}
