package io.npsloop.referral.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.npsloop.referral.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ImageResourceTest {

    String code;

    @BeforeEach
    void promoter() {
        code = Fixtures.code(Fixtures.randomPhone(), "S01");
    }

    static String decode(BufferedImage img) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    @Test
    void qrPngDecodesToShareUrl() throws Exception {
        for (String ecc : new String[]{"L", "H"}) {
            byte[] png = given().queryParam("size", 300).queryParam("ecc", ecc).get("/api/v1/referrals/" + code + "/qr.png")
                    .then().statusCode(200).contentType("image/png")
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .header("ETag", notNullValue()).extract().asByteArray();
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(300, img.getWidth());
            assertEquals("https://npsloop.test/r/" + code, decode(img));
        }
    }

    /** Parses the SVG's module path (independently of the renderer) into pixels and decodes that. */
    @Test
    void qrSvgDecodesToShareUrl() throws Exception {
        String svg = given().get("/api/v1/referrals/" + code + "/qr.svg").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        Matcher vb = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(vb.find());
        int n = Integer.parseInt(vb.group(1));
        Matcher d = Pattern.compile(" d=\"([^\"]+)\"").matcher(svg);
        assertTrue(d.find());
        int scale = 8;
        BufferedImage img = new BufferedImage(n * scale, n * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < n * scale; y++) {
            for (int x = 0; x < n * scale; x++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(d.group(1));
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int w = Integer.parseInt(run.group(3));
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + w) * scale; x++) {
                    img.setRGB(x, y, 0);
                }
            }
        }
        assertTrue(runs > 20);
        assertEquals("https://npsloop.test/r/" + code, decode(img));
    }

    @Test
    void postersCarryTheQrAndTheWords() throws Exception {
        byte[] png = given().get("/api/v1/referrals/" + code + "/poster.png").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", "public, max-age=31536000, immutable").extract().asByteArray();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(PosterRenderer.WIDTH, img.getWidth());
        assertEquals("https://npsloop.test/r/" + code, decode(img));
        String svg = new String(given().get("/api/v1/referrals/" + code + "/poster.svg").then().statusCode(200)
                .contentType("image/svg+xml").extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("张*"), svg);
        assertTrue(svg.contains("代言"), svg);
        assertTrue(svg.contains("立减"), svg);
    }

    @Test
    void etagAnswers304() {
        String etag = given().get("/api/v1/referrals/" + code + "/qr.svg").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/referrals/" + code + "/qr.svg").then().statusCode(304);
        String other = given().queryParam("ecc", "H").get("/api/v1/referrals/" + code + "/qr.svg").then().statusCode(200)
                .extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(etag, other);
    }

    @Test
    void badParametersAreProblems() {
        given().queryParam("size", 64).get("/api/v1/referrals/" + code + "/qr.png").then().statusCode(400)
                .contentType("application/problem+json").body("invalidParams.name", hasItem("size"));
        given().queryParam("size", "big").queryParam("ecc", "X").get("/api/v1/referrals/" + code + "/qr.png").then().statusCode(400)
                .body("invalidParams.name", hasItem("size")).body("invalidParams.name", hasItem("ecc"));
        given().queryParam("size", 4096).get("/api/v1/referrals/" + code + "/qr.svg").then().statusCode(400);
        given().get("/api/v1/referrals/ZZZZZZZZZZZ/qr.png").then().statusCode(404).contentType("application/problem+json")
                .body("status", is(404));
    }
}
