package io.npsloop.referral.booking;

import io.npsloop.referral.support.Fixtures;
import io.npsloop.referral.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class BookingResourceTest {

    @Inject
    Pool pool;
    @Inject
    MutableClock clock;

    String promoterPhone;
    String code;

    @BeforeEach
    void setUp() {
        Fixtures.store(pool, "S01", "深圳福田服务中心", "R1");
        Fixtures.store(pool, "S02", "深圳南山服务中心", "R1");
        promoterPhone = Fixtures.randomPhone();
        code = Fixtures.code(promoterPhone, "S01");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String token() {
        return Fixtures.clickToken(Fixtures.visit(code, Fixtures.randomIp(), "link").then().statusCode(200).extract().asString());
    }

    io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().contentType("application/json").header("X-Forwarded-For", Fixtures.randomIp()).body(body)
                .post("/api/v1/referrals/" + code + "/bookings").then();
    }

    @Test
    void attributedBookingIsPendingWithDiscount() {
        post(Fixtures.booking(Fixtures.randomPhone(), "S02", Fixtures.inFuture(Instant.now(), 2), token()))
                .statusCode(201).header("Location", containsString("/bookings/"))
                .body("bookingId", notNullValue()).body("status", is("PENDING")).body("discountCents", is(5000));
    }

    @Test
    void withoutAClickTheBookingIsUnattributed() {
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 2), null))
                .statusCode(201).body("status", is("UNATTRIBUTED")).body("discountCents", is(0));
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 2), "forged.token.QR.x.sig"))
                .statusCode(201).body("status", is("UNATTRIBUTED"));
    }

    @Test
    void selfReferralByPhoneOrPlate() {
        post(Fixtures.booking("+86 " + promoterPhone, "S01", Fixtures.inFuture(Instant.now(), 2), token()))
                .statusCode(422).contentType("application/problem+json").body("rule", is("SELF_REFERRAL"));
        String promoterKey = Fixtures.KEYS.customerKey(promoterPhone);
        pool.preparedQuery("INSERT INTO customer_plate (customer_key, plate_key) VALUES ($1, $2)")
                .execute(Tuple.of(promoterKey, Fixtures.KEYS.plateKey("粤B12345"))).await().indefinitely();
        Map<String, Object> body = Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 2), token());
        body.put("plate", "粤B 12345");
        post(body).statusCode(422).body("rule", is("SELF_REFERRAL"));
    }

    @Test
    void knownCustomerAndAlreadyReferredInContractOrder() {
        String known = Fixtures.randomPhone();
        pool.preparedQuery("INSERT INTO known_customer (customer_key, first_order_at) VALUES ($1, now())")
                .execute(Tuple.of(Fixtures.KEYS.customerKey(known))).await().indefinitely();
        post(Fixtures.booking(known, "S01", Fixtures.inFuture(Instant.now(), 2), token())).statusCode(422).body("rule", is("KNOWN_CUSTOMER"));

        String friend = Fixtures.randomPhone();
        post(Fixtures.booking(friend, "S01", Fixtures.inFuture(Instant.now(), 2), token())).statusCode(201);
        post(Fixtures.booking(friend, "S01", Fixtures.inFuture(Instant.now(), 2), token())).statusCode(422).body("rule", is("ALREADY_REFERRED"));
        String otherCode = Fixtures.code(Fixtures.randomPhone(), "S02");
        given().contentType("application/json").body(Fixtures.booking(friend, "S02", Fixtures.inFuture(Instant.now(), 2), null))
                .post("/api/v1/referrals/" + otherCode + "/bookings").then().statusCode(422).body("rule", is("ALREADY_REFERRED"));
        // the promoter's own phone is both self-referral and (once they ordered) a known customer: self-referral wins
        pool.preparedQuery("INSERT INTO known_customer (customer_key, first_order_at) VALUES ($1, now())")
                .execute(Tuple.of(Fixtures.KEYS.customerKey(promoterPhone))).await().indefinitely();
        post(Fixtures.booking(promoterPhone, "S01", Fixtures.inFuture(Instant.now(), 2), token())).statusCode(422).body("rule", is("SELF_REFERRAL"));
    }

    @Test
    void velocityPerCodeIs429() {
        for (int i = 0; i < 3; i++) {
            post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 2), token())).statusCode(201);
        }
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 2), token()))
                .statusCode(429).header("Retry-After", notNullValue()).contentType("application/problem+json");
    }

    @Test
    void windowEdges() {
        Instant click = Instant.parse("2026-11-01T02:00:00Z");
        clock.set(click);
        String token = token();
        clock.set(click.plus(Duration.ofDays(30)));
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(clock.instant(), 1), token))
                .statusCode(201).body("status", is("PENDING"));
        clock.set(click.plus(Duration.ofDays(30)).plusSeconds(1));
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(clock.instant(), 1), token))
                .statusCode(201).body("status", is("UNATTRIBUTED"));
        // a token from the future (clock moved back) does not attribute either
        clock.set(click.minusSeconds(10));
        post(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(clock.instant(), 1), token))
                .statusCode(201).body("status", is("UNATTRIBUTED"));
    }

    @Test
    void validationFailuresAreProblems() {
        Map<String, Object> body = Fixtures.booking("12345", "S99", Fixtures.inFuture(Instant.now(), -1), null);
        body.put("name", "");
        post(body).statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItem("phone")).body("invalidParams.name", hasItem("storeId"))
                .body("invalidParams.name", hasItem("preferredTime")).body("invalidParams.name", hasItem("name"));
        Map<String, Object> extra = Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 1), null);
        extra.put("age", 3);
        post(extra).statusCode(400).body("invalidParams.name", hasItem("age"));
        Map<String, Object> badTime = Fixtures.booking(Fixtures.randomPhone(), "S01", "tomorrow", null);
        post(badTime).statusCode(400).body("invalidParams.name", hasItem("preferredTime"));
        given().contentType("application/json").body(Fixtures.booking(Fixtures.randomPhone(), "S01", Fixtures.inFuture(Instant.now(), 1), null))
                .post("/api/v1/referrals/ZZZZZZZZZZZ/bookings").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void landingFormPostAnswersHtml() {
        String html = Fixtures.visit(code, Fixtures.randomIp(), null).then().statusCode(200).extract().asString();
        given().contentType("application/x-www-form-urlencoded")
                .formParam("name", "王五").formParam("phone", Fixtures.randomPhone()).formParam("storeId", "S01")
                .formParam("preferredTime", java.time.LocalDateTime.now().plusDays(2).withNano(0).withSecond(0).toString())
                .formParam("clickToken", Fixtures.clickToken(html)).formParam("lang", "zh-CN")
                .post("/api/v1/referrals/" + code + "/bookings").then().statusCode(201)
                .contentType(containsString("text/html")).body(containsString("预约成功"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("name", "王五").formParam("phone", promoterPhone).formParam("storeId", "S01")
                .formParam("preferredTime", java.time.LocalDateTime.now().plusDays(2).withNano(0).withSecond(0).toString())
                .post("/api/v1/referrals/" + code + "/bookings").then().statusCode(422).contentType(containsString("text/html"));
    }
}
