package io.npsloop.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** JDK HTTP client; a transport failure is status -1 (a killed service), never an exception in the load loop. */
final class Http {

    // HTTP/1.1: the JDK would otherwise try an h2c upgrade, and its GOAWAYs are the client's business, not the services'
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    record Resp(int status, String contentType, String retryAfter, String body, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            String b = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return status + " " + contentType + (retryAfter == null ? "" : " Retry-After=" + retryAfter) + " " + b
                    + (error == null ? "" : " [" + error + "]");
        }
    }

    private Http() {
    }

    static Resp get(String url, String bearer) {
        return send("GET", url, null, bearer, null, Map.of());
    }

    static Resp postJson(String url, String json, String bearer) {
        return send("POST", url, HttpRequest.BodyPublishers.ofString(json), bearer, "application/json", Map.of());
    }

    static Resp send(String method, String url, HttpRequest.BodyPublisher body, String bearer, String contentType,
                     Map<String, String> headers) {
        Resp r = once(method, url, body, bearer, contentType, headers);
        // A pooled keep-alive connection the server had just closed (e.g. after a 414) fails with "received no
        // bytes": that is the client's race, so one retry; a server that really drops the request fails again.
        return r.status() == -1 && r.error() != null && r.error().contains("received no bytes")
                ? once(method, url, body, bearer, contentType, headers) : r;
    }

    /**
     * The whole body, except for a server-sent event stream (analytics' data-version stream never ends by design):
     * its first event, then the stream is closed.
     */
    private static String body(InputStream in, String contentType) throws IOException {
        try (in) {
            if (contentType == null || !contentType.startsWith("text/event-stream")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder first = new StringBuilder();
            int c;
            while (first.length() < 65_536 && (c = in.read()) != -1) {
                first.append((char) c);
                if (first.length() >= 2 && first.charAt(first.length() - 1) == '\n' && first.charAt(first.length() - 2) == '\n') {
                    break;
                }
            }
            return first.toString();
        }
    }

    private static Resp once(String method, String url, HttpRequest.BodyPublisher body, String bearer, String contentType,
                             Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(b::header);
            HttpResponse<InputStream> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse(null);
            return new Resp(r.statusCode(), type, r.headers().firstValue("Retry-After").orElse(null), body(r.body(), type),
                    null);
        } catch (IOException e) {
            return new Resp(-1, null, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resp(-1, null, null, null, e.toString());
        } catch (IllegalArgumentException e) {
            // a URL the JDK refuses to send (the fuzzer's traversal strings): nothing reached the service
            return new Resp(-2, null, null, null, e.toString());
        }
    }
}
