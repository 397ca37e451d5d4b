package io.npsloop.referral.support;

import io.npsloop.referral.code.CustomerKeys;
import io.npsloop.testsupport.TestTokens;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Shared helpers: stores, promoters' codes, landing visits, phone numbers. */
public final class Fixtures {

    public static final CustomerKeys KEYS = new CustomerKeys("test-customer-key-secret");
    private static final Pattern TOKEN = Pattern.compile("name=\"clickToken\" value=\"([^\"]+)\"");

    private Fixtures() {
    }

    public static void store(Pool pool, String storeId, String name, String regionId) {
        pool.preparedQuery("""
                        INSERT INTO store (store_id, name, city, region_id, status, updated_at) VALUES ($1, $2, 'Shenzhen', $3, 'ACTIVE', now())
                        ON CONFLICT (store_id) DO NOTHING""")
                .execute(Tuple.of(storeId, name, regionId)).await().indefinitely();
    }

    public static String randomPhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** Issues (or gets) the code of the promoter with this phone at this store through the SERVICE API. */
    public static String code(String promoterPhone, String storeId) {
        return given().auth().oauth2(TestTokens.token("SERVICE")).contentType("application/json")
                .body(Map.of("customerKey", KEYS.customerKey(promoterPhone), "storeId", storeId, "displayName", "张三"))
                .post("/api/v1/referrals/issue").then().extract().path("code");
    }

    public static Response visit(String code, String ip, String via) {
        var spec = given().header("X-Forwarded-For", ip).header("User-Agent", "test-agent");
        if (via != null) {
            spec = spec.queryParam("via", via);
        }
        return spec.get("/r/" + code);
    }

    public static String clickToken(String html) {
        Matcher m = TOKEN.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no click token in page");
        }
        return m.group(1);
    }

    public static String inFuture(Instant now, long days) {
        return OffsetDateTime.ofInstant(now.plusSeconds(days * 86400), ZoneId.of("Asia/Shanghai")).toString();
    }

    public static Map<String, Object> booking(String phone, String storeId, String preferredTime, String token) {
        var m = new java.util.HashMap<String, Object>();
        m.put("name", "李四");
        m.put("phone", phone);
        m.put("storeId", storeId);
        m.put("preferredTime", preferredTime);
        if (token != null) {
            m.put("clickToken", token);
        }
        return m;
    }
}
