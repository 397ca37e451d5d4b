package io.npsloop.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.npsloop.testsupport.TestTokens;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Schema-aware hostile requests for one OpenAPI operation: the request kind cycles through every class of issue 9
 * item 3 (bad tokens, wrong types, boundary numbers, huge strings, injection and traversal strings, invalid UTF-8,
 * deep JSON, oversized bodies, wrong content types), built from the operation's parameters and body schema so the
 * input reaches validation instead of being turned away at the door.
 */
final class Fuzzer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static final String[] HOSTILE = {
            "' OR '1'='1", "1; DROP TABLE response;--", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "%00",
            "\u0000", "\uD835\uDD4F\uD83D\uDE00", "\u202Eevil", "-1", "0", "2147483648", "-9223372036854775809",
            "1e309", "NaN", "true", "null", "[]", "{}", "", " ", "S01\r\nX-Injected: 1", "2026-02-30", "9999-99-99T99:99"};
    static final Object[] NUMBERS = {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
            1e308, -1e308, 0.5, new java.math.BigInteger("1" + "0".repeat(40))};

    /** One operation of a service's OpenAPI document. */
    record Op(String service, String base, String method, String path, JsonNode spec, JsonNode components) {
        boolean html() {
            return spec.toString().contains("text/html");
        }

        String label() {
            return service + " " + method + " " + path;
        }
    }

    /** A request ready to send, and what it was meant to test. */
    record Req(String kind, String method, String url, byte[] body, String contentType, String bearer) {
        HttpRequest.BodyPublisher publisher() {
            return body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body);
        }

        String describe() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                    + (body.length > 200 ? "… (" + body.length + " bytes)" : "");
            return method + " " + (url.length() > 300 ? url.substring(0, 300) + "…" : url)
                    + (contentType == null ? "" : " Content-Type: " + contentType)
                    + " [" + kind + ", token " + (bearer == null ? "none" : bearer.length() > 20 ? bearer.substring(0, 12) + "…" : bearer) + "]"
                    + (b.isEmpty() ? "" : " body: " + b);
        }
    }

    static final String[] KINDS = {"no-token", "expired-token", "wrong-key-token", "garbage-token", "alg-none-token",
            "other-store-token", "wrong-type", "boundary-number", "huge-string", "injection", "traversal-path",
            "invalid-utf8", "deep-json", "wrong-content-type", "malformed-json", "empty-body", "unknown-property",
            "null-fields", "hostile-query", "array-for-object", "oversized-body", "valid-ish"};

    static final String HQ = TestTokens.token("HQ_ANALYST");
    static final String INTEGRATION = TestTokens.token("INTEGRATION");
    static final String SERVICE = TestTokens.token("SERVICE");

    private final Random random;

    Fuzzer(long seed) {
        this.random = new Random(seed);
    }

    static List<Op> operations(String service, String base) {
        Http.Resp r = Http.get(base + "/q/openapi?format=json", null);
        if (r.status() != 200) {
            throw new IllegalStateException(service + " /q/openapi: " + r);
        }
        try {
            JsonNode doc = JSON.readTree(r.body());
            List<Op> ops = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> m = p.getValue().fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = m.next();
                    if (List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                        ops.add(new Op(service, base, op.getKey().toUpperCase(), p.getKey(), op.getValue(), doc.path("components")));
                    }
                }
            }
            return ops;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Req request(Op op, int i) {
        String kind = KINDS[i % KINDS.length];
        String bearer = switch (kind) {
            case "no-token" -> null;
            case "expired-token" -> TestTokens.expired("HQ_ANALYST");
            case "wrong-key-token" -> TestTokens.signedWithWrongKey("HQ_ANALYST");
            case "garbage-token" -> "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.abc";
            case "alg-none-token" -> algNone();
            case "other-store-token" -> TestTokens.token("STORE_MANAGER", "S99");
            default -> switch (i % 3) {
                case 0 -> HQ;
                case 1 -> INTEGRATION;
                default -> SERVICE;
            };
        };
        String path = op.path();
        for (String param : params(op, "path")) {
            String value = kind.equals("traversal-path") ? "..%2F..%2F..%2Fetc%2Fpasswd"
                    : kind.equals("huge-string") ? "A".repeat(20_000)
                    : enc(kind.equals("valid-ish") ? "FUZZ-1" : HOSTILE[random.nextInt(HOSTILE.length)]);
            path = path.replace("{" + param + "}", value);
        }
        StringBuilder query = new StringBuilder();
        for (String param : params(op, "query")) {
            String value = kind.equals("boundary-number") ? String.valueOf(NUMBERS[random.nextInt(NUMBERS.length)])
                    : kind.equals("hostile-query") || kind.equals("injection") ? HOSTILE[random.nextInt(HOSTILE.length)]
                    : kind.equals("huge-string") ? "B".repeat(10_000)
                    : kind.equals("wrong-type") ? "not-a-" + param : null;
            if (value != null) {
                query.append(query.length() == 0 ? "?" : "&").append(param).append('=').append(enc(value));
            }
        }
        String url = op.base() + path + query;
        JsonNode schema = bodySchema(op);
        String declared = bodyType(op);
        // Operations without a body get their hostile input in the path, query and token only.
        if (schema == null && declared == null) {
            return new Req(kind, op.method(), url, null, null, bearer);
        }
        String contentType = declared == null ? "application/json" : declared;
        byte[] body = switch (kind) {
            case "invalid-utf8" -> concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28,
                    (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}".getBytes(StandardCharsets.UTF_8));
            case "deep-json" -> ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
            case "malformed-json" -> "{\"score\": 9, \"comment\": \"unterminated".getBytes(StandardCharsets.UTF_8);
            case "empty-body" -> new byte[0];
            case "oversized-body" -> oversized();
            case "array-for-object" -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            default -> bytes(body(schema, op.components(), kind, 0));
        };
        if (kind.equals("wrong-content-type")) {
            contentType = random.nextBoolean() ? "application/xml" : "text/plain; charset=ISO-8859-1";
        }
        if (contentType.startsWith("text/csv") && !kind.equals("wrong-content-type")) {
            body = ("orderId,storeId\n" + HOSTILE[random.nextInt(HOSTILE.length)] + ",\"" + "x".repeat(kind.equals("huge-string") ? 50_000 : 3)
                    + "\n\"unterminated").getBytes(StandardCharsets.UTF_8);
        }
        if (contentType.startsWith("application/x-www-form-urlencoded") && !kind.equals("wrong-content-type")
                && !kind.equals("oversized-body") && !kind.equals("invalid-utf8")) {
            body = ("score=" + enc(HOSTILE[random.nextInt(HOSTILE.length)]) + "&comment=" + enc(kind.equals("huge-string")
                    ? "C".repeat(100_000) : "<script>alert(1)</script>") + "&reasons=%FF%FE").getBytes(StandardCharsets.UTF_8);
        }
        return new Req(kind, op.method(), url, body, contentType, bearer);
    }

    /** 12 MiB: above Quarkus' default 10 MiB body limit. */
    private static byte[] oversized() {
        byte[] b = new byte[12 * 1024 * 1024];
        java.util.Arrays.fill(b, (byte) 'x');
        b[0] = '"';
        b[b.length - 1] = '"';
        return b;
    }

    private JsonNode body(JsonNode schema, JsonNode components, String kind, int depth) {
        schema = resolve(schema, components);
        if (schema == null || depth > 4) {
            return F.textNode(HOSTILE[random.nextInt(HOSTILE.length)]);
        }
        String type = schema.path("type").asText("object");
        if (type.equals("array")) {
            ArrayNode a = F.arrayNode();
            int n = 2;
            for (int k = 0; k < n; k++) {
                a.add(body(schema.path("items"), components, kind, depth + 1));
            }
            return a;
        }
        if (!type.equals("object") || !schema.has("properties")) {
            return leaf(schema, kind);
        }
        ObjectNode o = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            o.set(p.getKey(), kind.equals("null-fields") ? F.nullNode() : body(p.getValue(), components, kind, depth + 1));
        }
        if (kind.equals("unknown-property")) {
            o.put("__proto__", "{\"admin\":true}").put("isAdmin", true);
        }
        return o;
    }

    private JsonNode leaf(JsonNode schema, String kind) {
        String type = schema.path("type").asText("string");
        boolean numeric = type.equals("integer") || type.equals("number");
        return switch (kind) {
            case "wrong-type" -> numeric ? F.textNode("nine") : type.equals("boolean") ? F.numberNode(2) : F.objectNode().put("x", 1);
            case "boundary-number" -> numeric ? number() : F.textNode(String.valueOf(NUMBERS[random.nextInt(NUMBERS.length)]));
            case "huge-string" -> F.textNode("\u738B".repeat(200_000));
            case "injection" -> F.textNode(HOSTILE[random.nextInt(4)]);
            case "valid-ish" -> numeric ? F.numberNode(5) : type.equals("boolean") ? F.booleanNode(true)
                    : schema.has("enum") ? schema.path("enum").get(0) : F.textNode("<script>alert('fuzz')</script>");
            default -> numeric ? number() : F.textNode(HOSTILE[random.nextInt(HOSTILE.length)]);
        };
    }

    private JsonNode number() {
        Object n = NUMBERS[random.nextInt(NUMBERS.length)];
        return n instanceof Integer i ? F.numberNode(i) : n instanceof Long l ? F.numberNode(l)
                : n instanceof Double d ? F.numberNode(d) : F.numberNode((java.math.BigInteger) n);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        String ref = schema.path("$ref").asText(null);
        if (ref != null) {
            return components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (schema.has("allOf")) {
            return resolve(schema.path("allOf").get(0), components);
        }
        return schema;
    }

    private static List<String> params(Op op, String in) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : op.spec().path("parameters")) {
            if (in.equals(p.path("in").asText())) {
                out.add(p.path("name").asText());
            }
        }
        if (in.equals("path")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
            while (m.find()) {
                if (!out.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static String bodyType(Op op) {
        Iterator<String> it = op.spec().path("requestBody").path("content").fieldNames();
        return it.hasNext() ? it.next() : null;
    }

    private static JsonNode bodySchema(Op op) {
        Iterator<JsonNode> it = op.spec().path("requestBody").path("content").elements();
        return it.hasNext() ? it.next().path("schema") : null;
    }

    private static String algNone() {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"x\",\"groups\":[\"HQ_ANALYST\"],"
                + "\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
