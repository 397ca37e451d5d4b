package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.npsloop.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real browser (Debian's chromium + chromium-driver, headless) signs in with a dev role, reads the weekly NPS,
 * and moves a case through an SOP stage. Screenshots go to target/screenshots/. Skipped only when
 * /usr/bin/chromedriver is absent.
 */
@QuarkusTest
class DashboardBrowserTest extends GatewayTestBase {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    private WebDriver driver;
    private Path profile;

    @BeforeEach
    void browser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: /usr/bin/chromedriver is absent (apt-get install -y chromium chromium-driver)");
        profile = Files.createTempDirectory("npsloop-chrome-");
        ChromeOptions options = new ChromeOptions();
        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            options.setBinary(chromium.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void quit() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private void stubDemoData() {
        survey.register(get(urlPathEqualTo("/api/v1/stores")).willReturn(okJson(Fixtures.storePage("S01", "R1"))));
        survey.register(get(urlPathEqualTo("/api/v1/regions")).willReturn(okJson("{\"items\": [{\"id\": \"R1\", \"name\": \"华东\"}], \"next\": null}")));
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 72.4))));
        analytics.register(get(urlPathEqualTo("/api/v1/trend")).willReturn(okJson("""
                {"granularity": "WEEK", "points": [{"period": "2026-W47", "nps": %s}, {"period": "2026-W48", "nps": %s}]}"""
                .formatted(Fixtures.nps(69, 100), Fixtures.nps(72.4, 120)))));
        analytics.register(get(urlPathEqualTo("/api/v1/segments")).willReturn(okJson("""
                {"dimension": "SERVICE_TYPE", "segments": [{"key": "REPAIR", "label": "维修", "nps": %s},
                 {"key": "MAINTENANCE", "label": "保养", "nps": %s}]}""".formatted(Fixtures.nps(45, 40), Fixtures.nps(80, 60)))));
        // the case moves from FIRST_CONTACT to ANALYSIS once its first contact is recorded
        survey.register(get(urlPathEqualTo("/api/v1/cases")).inScenario("case").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(Fixtures.page(java.util.List.of(Fixtures.caseJson("C1", "S01", "FIRST_CONTACT")), null))));
        survey.register(get(urlPathEqualTo("/api/v1/cases/C1")).willReturn(okJson(Fixtures.caseJson("C1", "S01", "FIRST_CONTACT"))));
        survey.register(post(urlPathEqualTo("/api/v1/cases/C1/first-contact")).inScenario("case")
                .willSetStateTo("contacted").willReturn(okJson(Fixtures.caseJson("C1", "S01", "ANALYSIS"))));
        survey.register(get(urlPathEqualTo("/api/v1/cases")).inScenario("case").whenScenarioStateIs("contacted")
                .willReturn(okJson(Fixtures.page(java.util.List.of(Fixtures.caseJson("C1", "S01", "ANALYSIS")), null))));
    }

    @Test
    void signInReadTheWeeklyNpsAndMoveACase() throws Exception {
        stubDemoData();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(base.toString());

        // sign in with a dev role
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dev-role option[value=STORE_MANAGER]")));
        new Select(driver.findElement(By.id("dev-role"))).selectByValue("STORE_MANAGER");
        driver.findElement(By.id("dev-stores")).clear();
        driver.findElement(By.id("dev-stores")).sendKeys("S01");
        screenshot("01-signin");
        driver.findElement(By.id("dev-signin-go")).click();

        // the weekly card shows the NPS the GraphQL API gives
        wait.until(d -> d.findElement(By.id("overall-nps-value")).getText().matches("[+-]?\\d+(\\.\\d+)?"));
        String shown = driver.findElement(By.id("overall-nps-value")).getText();
        float api = gql(TestTokens.token("STORE_MANAGER", "S01"), "{ dashboard(week: \"2026-W48\") { nps { value } } }")
                .extract().path("data.dashboard.nps.value");
        assertEquals(api, Float.parseFloat(shown), 0.0001, "displayed NPS " + shown);
        assertTrue(driver.findElement(By.id("weekly-card")).getText().contains("本周NPS概况"));
        assertEquals(12, driver.findElements(By.cssSelector("#metrics tr[data-metric]")).size(), "the twelve metrics");
        assertTrue(driver.findElement(By.cssSelector("#metrics tr[data-metric=repairNps]")).getText().contains("↓8"));
        wait.until(d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
        screenshot("02-dashboard");

        // English
        driver.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("weekly-card")).getText().contains("This week's NPS"));
        driver.findElement(By.id("lang")).click();

        // move the case through its first SOP step
        driver.findElement(By.cssSelector("#tabs button[data-tab=cases]")).click();
        By firstContact = By.cssSelector(".column[data-stage=FIRST_CONTACT] button[data-action='first-contact'][data-case=C1]");
        wait.until(ExpectedConditions.elementToBeClickable(firstContact)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#step-dialog textarea[name=note]")))
                .sendKeys("已致电,认真倾听");
        screenshot("03-step");
        driver.findElement(By.id("step-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".column[data-stage=ANALYSIS] [data-case-id=C1]")));
        screenshot("04-case-moved");
        survey.verifyThat(1, postRequestedFor(urlPathEqualTo("/api/v1/cases/C1/first-contact"))
                .withRequestBody(equalToJson("{\"notes\": \"已致电,认真倾听\", \"reached\": false}")));
    }

    @Test
    void hqSeesCoverageOutlierTopicsAndInitiatives() throws Exception {
        stubDemoData();
        // HQ only: a store whose coverage is far below the chain's while its NPS is high (value = its coverage,
        // previous = the chain's)
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).atPriority(1).willReturn(okJson(Fixtures.dashboard("2026-W48", 72.4)
                .replace("\"warnings\": [", "\"warnings\": [{\"kind\": \"COVERAGE_OUTLIER\", \"dimension\": \"store\", "
                        + "\"segment\": \"S03\", \"message\": null, \"value\": 12.0, \"previous\": 45.0, \"delta\": -33.0, \"z\": null}, "))));
        analytics.register(get(urlPathEqualTo("/api/v1/topics")).willReturn(okJson("""
                {"responses": 400, "nps": 31.5, "topics": [
                 {"topic": "WAIT_TIME", "mentions": 140, "promoters": 20, "passives": 30, "detractors": 90, "npsWith": -50.0,
                  "npsWithout": 40.2, "impact": -8.7, "z": -6.1, "significant": true, "keywords": [], "suppressed": false},
                 {"topic": "ATTITUDE", "mentions": 60, "promoters": 45, "passives": 10, "detractors": 5, "npsWith": 66.7,
                  "npsWithout": 28.0, "impact": 3.1, "z": 3.0, "significant": true, "keywords": [], "suppressed": false}]}""")));
        analytics.register(get(urlPathEqualTo("/api/v1/initiatives")).willReturn(okJson("""
                {"items": [{"initiative": {"id": "i-1", "name": "透明报价", "category": "BASIC_SERVICE", "storeIds": ["S01"],
                  "startDate": "2026-09-01", "endDate": null, "costCents": 18000000, "createdBy": "hq",
                  "createdAt": "2026-08-30T10:00:00+08:00"}, "lift": 12.4, "intervalLow": 5.1, "intervalHigh": 19.7,
                  "significant": true, "costPerPoint": 1451613, "costPerPointReason": null, "liftHeld": null}], "next": null}""")));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(base.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dev-role option[value=HQ_ANALYST]")));
        new Select(driver.findElement(By.id("dev-role"))).selectByValue("HQ_ANALYST");
        driver.findElement(By.id("dev-signin-go")).click();

        wait.until(d -> d.findElement(By.id("coverage-value")).getText().endsWith("%"));
        assertEquals("81%", driver.findElement(By.id("coverage-value")).getText(), "coverage of the week");
        assertEquals("64%", driver.findElement(By.id("response-rate-value")).getText(), "response rate of the week");
        String outlier = driver.findElement(By.cssSelector("#warnings li[data-kind=COVERAGE_OUTLIER]")).getText();
        assertTrue(outlier.contains("覆盖率异常低") && outlier.contains("门店 S03") && outlier.contains("12%") && outlier.contains("45%"),
                outlier);
        assertEquals(1, driver.findElements(By.cssSelector("#warnings li[data-kind=SEGMENT_DROP]")).size(), "other warnings stay");
        wait.until(d -> !d.findElements(By.cssSelector("#topics-chart canvas")).isEmpty());
        assertEquals("WAIT_TIME,ATTITUDE", driver.findElement(By.id("topics-chart")).getAttribute("data-topics"));
        String row = driver.findElement(By.cssSelector("#initiatives tr[data-initiative=i-1]")).getText();
        assertTrue(row.contains("透明报价") && row.contains("基础服务") && row.contains("+12.4") && row.contains("14516"), row);
        screenshot("05-hq-coverage-topics-initiatives");
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
