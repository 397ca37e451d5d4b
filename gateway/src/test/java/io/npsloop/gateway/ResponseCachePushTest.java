package io.npsloop.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.npsloop.gateway.cache.DataVersionFeed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cache/DataVersionFeed: while analytics' data-version stream announces no change, a remembered dashboard is sent
 * without asking analytics; a change, an unknown version ("-"), a lost or silent stream all bring back the
 * conditional request — nothing stale is ever trusted.
 */
@QuarkusTest
@TestProfile(ResponseCachePushTest.Push.class)
class ResponseCachePushTest extends GatewayTestBase {

    public static class Push implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("npsloop.graphql.response-cache.push.enabled", "true",
                    "npsloop.graphql.response-cache.push.reconnect-delay", "100ms",
                    "npsloop.graphql.response-cache.push.silence-timeout", "3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(VersionStreamServer.class));
        }
    }

    private static final String DASHBOARD = "/api/v1/dashboard";
    private static final String QUERY = "{ dashboard(week: \"2032-W01\") { week nps { value n } } }";

    @Inject
    DataVersionFeed feed;

    @Test
    void whileNoChangeIsAnnouncedTheRememberedAnswerIsSentWithoutAskingAnalytics() throws Exception {
        analytics.register(get(urlPathEqualTo(DASHBOARD)).atPriority(5)
                .willReturn(okJson(Fixtures.dashboard("2032-W01", 72.0)).withHeader("ETag", "\"t1\"")));
        analytics.register(get(urlPathEqualTo(DASHBOARD)).atPriority(1)
                .withHeader("If-None-Match", WireMock.equalTo("\"t1\"")).willReturn(aResponse().withStatus(304)));
        control("unmute");
        control("send?v=v1");
        await("the feed to trust the stream", feed::trusted);
        assertTrue(control("auth").startsWith("Bearer "), "the stream is opened with a service token");

        String token = hq();
        gql(token, QUERY).statusCode(200).body("data.dashboard.nps.value", is(72.0f));
        gql(token, QUERY).statusCode(200).body("data.dashboard.nps.value", is(72.0f));
        gql(token, QUERY).statusCode(200).body("data.dashboard.nps.value", is(72.0f));
        assertEquals(1, plain());
        assertEquals(0, conditional(), "no change announced: analytics is not asked");

        control("send?v=v1"); // the same version again (a heartbeat): still nothing to ask
        gql(token, QUERY).statusCode(200);
        assertEquals(0, conditional());

        control("send?v=v2"); // a change: asked once, then trusted again at the new version
        await("the change to be noticed", () -> conditionalAfter(token) == 1);
        gql(token, QUERY).statusCode(200);
        assertEquals(1, conditional());

        control("send?v=-"); // analytics does not know its version: every hit is revalidated
        await("the feed to distrust", () -> !feed.trusted());
        gql(token, QUERY).statusCode(200);
        gql(token, QUERY).statusCode(200);
        assertEquals(3, conditional());

        control("send?v=v3");
        await("the feed to trust again", feed::trusted);
        int before = Integer.parseInt(control("opened"));
        control("close"); // the stream ends: distrust, reconnect
        await("a new stream", () -> Integer.parseInt(controlQuietly("opened")) > before && feed.trusted());
        gql(token, QUERY).statusCode(200); // the generation moved on reconnect: asked once more
        assertEquals(4, conditional());
        gql(token, QUERY).statusCode(200);
        assertEquals(4, conditional());
        assertEquals(1, plain(), "computed only once throughout");
    }

    @Test
    void aSilentStreamIsNotTrusted() throws Exception {
        control("unmute");
        control("send?v=s1");
        await("the feed to trust the stream", feed::trusted);
        control("mute"); // no heartbeat any more: after the silence timeout the feed lets go and connects again
        try {
            await("the feed to distrust a silent stream", () -> !feed.trusted());
        } finally {
            control("unmute");
        }
        await("the feed to trust the stream again", feed::trusted);
    }

    /** After a change the next hit revalidates; issue it and report how many conditional requests there were. */
    private int conditionalAfter(String token) {
        gql(token, QUERY).statusCode(200);
        return conditional();
    }

    private int plain() {
        return analytics.find(getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("If-None-Match", absent())).size();
    }

    private int conditional() {
        return analytics.find(getRequestedFor(urlPathEqualTo(DASHBOARD)).withHeader("If-None-Match", WireMock.equalTo("\"t1\""))).size();
    }

    private static String control(String what) throws Exception {
        String base = ConfigProvider.getConfig().getValue("quarkus.rest-client.analytics-versions.url", String.class);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/control/" + what)).timeout(Duration.ofSeconds(5));
        b = what.equals("opened") || what.equals("auth") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String controlQuietly(String what) {
        try {
            return control(what);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
