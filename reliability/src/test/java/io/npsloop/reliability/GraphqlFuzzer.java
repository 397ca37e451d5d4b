package io.npsloop.reliability;

import io.npsloop.testsupport.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;

/**
 * Hostile GraphQL for the gateway: very wide (aliases) and very deep (introspection, nested fragments) queries, huge
 * documents, syntax errors, wrong variable types, injection strings in arguments, batches, bad tokens, wrong
 * content types, invalid UTF-8. The depth/complexity limits themselves are the gateway owners' work (issue 9
 * item 3); this only checks the answers: never a 5xx, a 4xx is problem+json or a GraphQL error document.
 */
final class GraphqlFuzzer {

    static final String[] KINDS = {"wide-aliases", "deep-introspection", "deep-fragments", "huge-document", "syntax-error",
            "wrong-variable-type", "injection-argument", "batch", "no-token", "expired-token", "wrong-key-token",
            "wrong-content-type", "invalid-utf8", "empty-body", "unknown-field", "valid"};

    private final Random random;

    GraphqlFuzzer(long seed) {
        this.random = new Random(seed);
    }

    Fuzzer.Req request(String base, int i) {
        String kind = KINDS[i % KINDS.length];
        String url = base + "/graphql";
        String bearer = switch (kind) {
            case "no-token" -> null;
            case "expired-token" -> TestTokens.expired("HQ_ANALYST");
            case "wrong-key-token" -> TestTokens.signedWithWrongKey("HQ_ANALYST");
            default -> Fuzzer.HQ;
        };
        LocalDate today = LocalDate.now(Chain.ZONE);
        String nps = "nps(from: \"" + today.minusDays(7) + "\", to: \"" + today + "\") { value n promoters }";
        String query = switch (kind) {
            case "wide-aliases" -> {
                StringBuilder q = new StringBuilder("{");
                for (int k = 0; k < 200 + random.nextInt(800); k++) {
                    q.append(" a").append(k).append(": ").append(nps);
                }
                yield q.append(" }").toString();
            }
            case "deep-introspection" -> {
                int depth = 30 + random.nextInt(200);
                yield "{ __schema { types { " + "fields { type { ".repeat(depth) + "name" + " } }".repeat(depth) + " } } }";
            }
            case "deep-fragments" -> {
                StringBuilder q = new StringBuilder("query { ...F0 } ");
                int n = 50 + random.nextInt(200);
                for (int k = 0; k < n; k++) {
                    q.append("fragment F").append(k).append(" on Query { regions { id } ...F").append(k + 1).append(" } ");
                }
                yield q.append("fragment F").append(n).append(" on Query { regions { id } }").toString();
            }
            case "huge-document" -> "{ regions { id " + "name ".repeat(200_000) + "} }";
            case "syntax-error" -> "{ regions { id " + "{".repeat(random.nextInt(50));
            case "injection-argument" -> "{ dashboard(week: \"" + Fuzzer.HOSTILE[random.nextInt(Fuzzer.HOSTILE.length)]
                    .replace("\\", "\\\\").replace("\"", "\\\"") + "\") { week } }";
            case "unknown-field" -> "{ regions { id password __typename } users { id } }";
            default -> "{ regions { id name } stores { id name } }";
        };
        String body = switch (kind) {
            case "wrong-variable-type" -> "{\"query\":\"query($w: String!) { dashboard(week: $w) { week } }\",\"variables\":{\"w\":"
                    + (random.nextBoolean() ? "12345" : "{\"x\":[1,2]}") + "}}";
            case "batch" -> "[" + ("{\"query\":\"{ regions { id } }\"},").repeat(100) + "{\"query\":\"{ stores { id } }\"}]";
            case "empty-body" -> "";
            default -> json(query);
        };
        byte[] bytes = kind.equals("invalid-utf8")
                ? concat("{\"query\":\"{ regions { id } }\",\"x\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF}, "\"}".getBytes(StandardCharsets.UTF_8))
                : body.getBytes(StandardCharsets.UTF_8);
        String type = kind.equals("wrong-content-type") ? "text/plain" : "application/json";
        return new Fuzzer.Req("graphql-" + kind, "POST", url, bytes, type, bearer);
    }

    private static String json(String query) {
        try {
            return Fuzzer.JSON.writeValueAsString(java.util.Map.of("query", query));
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
