package io.npsloop.survey.survey;

import io.npsloop.survey.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.npsloop.survey.support.Api.data;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SurveyPageTest {

    @Test
    void zhPageHasTheStandardQuestionElevenScoresAndNoScript() {
        String token = Api.invite("S-P1");
        String html = given().get("/s/" + token).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("向亲友推荐"))
                .body(containsString("<form method=\"post\">"))
                .body(containsString("您真实的反馈是我们改进的唯一依据"))
                .body(containsString("name=\"ratings.responseSpeed\""))
                .body(containsString("name=\"ratings.care\""))
                .body(containsString("name=\"reasons\" value=\"WAIT_TIME\""))
                .body(containsString("name=\"comment\""))
                .body(containsString("/s/" + token + "/opt-out"))
                .body(not(containsString("<script")))
                .extract().asString();
        for (int s = 0; s <= 10; s++) {
            org.junit.jupiter.api.Assertions.assertTrue(html.contains("name=\"score\" value=\"" + s + "\""), "score " + s);
        }
        assertEquals(11, html.split("name=\"score\"", -1).length - 1);
    }

    @Test
    void englishByQueryOrAcceptLanguage() {
        String token = Api.invite("S-P1");
        given().queryParam("lang", "en").get("/s/" + token).then().statusCode(200)
                .body(containsString("recommend")).body(containsString("lang=\"en\""));
        given().header("Accept-Language", "en-US,en;q=0.9").get("/s/" + token).then().statusCode(200)
                .body(containsString("recommend"));
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").get("/s/" + token).then().statusCode(200)
                .body(containsString("向亲友推荐"));
    }

    @Test
    void firstViewPublishesOpenedOnceWithChannel() {
        Map<String, Object> o = Api.order("S-P2", Api.freshPhone());
        String token = given().header("Authorization", Api.integration()).contentType("application/json").body(o)
                .post("/api/v1/orders").then().statusCode(201).extract().path("token");
        given().queryParam("via", "qr").get("/s/" + token).then().statusCode(200);
        given().get("/s/" + token).then().statusCode(200);
        Map<String, Object> e = Api.awaitEvent(ev -> Api.is(ev, "InvitationOpened", "orderId", o.get("orderId")));
        assertEquals("QR_IN_STORE", data(e).get("channel"));
        assertEquals("MAINTENANCE", data(e).get("serviceType"));
        Api.sleep(300);
        assertEquals(1, Api.allEvents().stream().filter(ev -> Api.is(ev, "InvitationOpened", "orderId", o.get("orderId"))).count());
    }

    @Test
    void formPostAnswersThankYouAndThenTheAnsweredPage() {
        String token = Api.invite("S-P3");
        given().formParam("score", "3").formParam("comment", "<script>alert(1)</script>")
                .formParam("ratings.care", "2").formParam("reasons", "WAIT_TIME").formParam("reasons", "PRICE")
                .post("/s/" + token).then().statusCode(200)
                .body(containsString("感谢您的反馈")).body(not(containsString("referral")));
        given().get("/s/" + token).then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("已经提交过"));
        Map<String, Object> d = data(Api.awaitEvent(e -> "ResponseSubmitted".equals(e.get("type"))
                && "<script>alert(1)</script>".equals(data(e).get("comment"))));
        assertEquals(List.of("PRICE", "WAIT_TIME"), d.get("reasons"));
        assertEquals(Map.of("care", 2), d.get("ratings"));
    }

    @Test
    void formValidationRerendersThePage() {
        String token = Api.invite("S-P3");
        given().formParam("comment", "no score").post("/s/" + token).then().statusCode(400)
                .body(containsString("请选择 0 到 10 之间的分数"));
        given().formParam("score", "7.5").post("/s/" + token).then().statusCode(400);
        given().formParam("score", "5").formParam("ratings.care", "9").post("/s/" + token).then().statusCode(400)
                .body(containsString("ratings.care"));
        given().formParam("score", "5").formParam("reasons", "<b>X</b>").post("/s/" + token).then().statusCode(400)
                .body(not(containsString("<b>X</b>")));
        given().formParam("score", "5").post("/s/" + token).then().statusCode(200);
    }

    @Test
    void promoterPageSaysTheLinkWillFollowWhenReferralIsDown() {
        String token = Api.invite("S-P4");
        given().formParam("score", "9").post("/s/" + token).then().statusCode(200)
                .body(containsString("referral-later")).body(containsString("推荐链接稍后"));
    }

    @Test
    void unknownTokenIsAFriendly404() {
        given().get("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("找不到")).body(not(containsString("Exception")));
        given().get("/s/x").then().statusCode(404).contentType(containsString("text/html"));
        given().formParam("score", "5").post("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
    }

    @Test
    void optOutAcrossStores() {
        String phone = Api.freshPhone();
        String token = given().header("Authorization", Api.integration()).contentType("application/json")
                .body(Api.order("S-P5", phone)).post("/api/v1/orders").then().statusCode(201).extract().path("token");
        given().get("/s/" + token + "/opt-out").then().statusCode(200).body(containsString("<form method=\"post\">"));
        given().post("/s/" + token + "/opt-out").then().statusCode(200).body(containsString("已为您退订"));
        given().get("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/opt-out").then().statusCode(404);
        given().header("Authorization", Api.integration()).contentType("application/json")
                .body(Api.order("S-P6", phone)).post("/api/v1/orders").then().statusCode(202)
                .body("suppressedBy", org.hamcrest.Matchers.is("OPTED_OUT"))
                .body("nextEligibleAt", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", Api.hq()).get("/api/v1/opt-outs").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().header("Authorization", io.npsloop.testsupport.TestTokens.bearer("STORE_MANAGER", "S-P5"))
                .get("/api/v1/opt-outs").then().statusCode(403);
    }
}
