package io.npsloop.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Depth (12) and complexity limits are enforced before any downstream call. */
@QuarkusTest
class LimitsTest extends GatewayTestBase {

    @Test
    void tooDeepIsRejectedBeforeAnyCall() {
        String deep = introspection(13);
        gql(hq(), deep).statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("depth"))
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("QUERY_TOO_COMPLEX"));
        String deepWithCalls = "{ cases { edges { node { store { id } } } } " + deep.substring(1);
        gql(hq(), deepWithCalls).statusCode(200).body("data", nullValue());
        gql(hq(), deep).statusCode(200).body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("QUERY_TOO_COMPLEX"));
        assertEquals(0, count(survey, ".*") + count(analytics, ".*") + count(referral, ".*"));
    }

    @Test
    void twelveLevelsAreFine() {
        String twelve = introspection(12);
        gql(hq(), twelve).statusCode(200).body("errors", nullValue());
    }

    @Test
    void invalidDocumentsAreBadUserInput() {
        gql(hq(), "{ segments(dimension: WEEKDAY, from: \"2026-11-01\", to: \"2026-11-30\") { key } }").statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.classification", org.hamcrest.Matchers.equalTo("ValidationError"));
        gql(hq(), "{ nps(from: \"2026-11-01\") { value } }").statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("BAD_USER_INPUT"));
        gql(hq(), "{ nps(from: \"not a date\", to: \"2026-11-30\") { value } }").statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("BAD_USER_INPUT"));
        gql(hq(), "{ cases { edges { nope } } }").statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("BAD_USER_INPUT"));
        // a body that does not parse at all is refused by SmallRye itself ("Unparseable input document")
        gql(hq(), "{ cases { ").statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("Unparseable"));
        assertEquals(0, count(survey, ".*") + count(analytics, ".*"));
    }

    @Test
    void veryWideQueriesAreRefusedWithACodeNeverA500() {
        // 400 aliases of a cheap list: 800 fields, over the complexity limit (graphql-java does not count __typename,
        // so the wide query has to select real fields)
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 400; i++) {
            wide.append("f").append(i).append(": regions { id } ");
        }
        gql(hq(), wide.append("}").toString()).statusCode(200).body("data", nullValue())
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("QUERY_TOO_COMPLEX"));
        // 16 000 selections (48 000 tokens, 208 KB, under the 256 KB body limit — over it the answer is a 413): more
        // tokens than graphql-java's parser accepts (15 000). SmallRye refuses it while parsing, before graphql-java's
        // instrumentation (where codes are added) runs: its "Unparseable input document" has no code (README, Errors)
        StringBuilder huge = new StringBuilder("{ ");
        for (int i = 0; i < 16000; i++) {
            huge.append("a:__typename ");
        }
        gql(hq(), huge.append("}").toString()).statusCode(200).body("data", nullValue())
                .body("errors[0].message", containsString("Unparseable"));
        assertEquals(0, count(survey, ".*") + count(analytics, ".*") + count(referral, ".*"));
    }

    /** A query {@code depth} fields deep: __schema → types → fields → type → ofType… → name. */
    static String introspection(int depth) {
        StringBuilder open = new StringBuilder("{ __schema { types { fields { type { ");
        int fields = 4;
        StringBuilder close = new StringBuilder("} } } } }");
        while (fields < depth - 1) {
            open.append("ofType { ");
            close.append(" }");
            fields++;
        }
        return open + "name " + close;
    }

    @Test
    void tooComplexIsRejectedBeforeAnyCall() {
        StringBuilder q = new StringBuilder("{ ");
        for (int i = 0; i < 60; i++) {
            q.append("d").append(i).append(": dashboard(week: \"2026-W48\") { week nps { value n promoters passives detractors } "
                    + "overallNps { value previous delta } } ");
        }
        q.append("}");
        // twice: the second time the parsed document comes from SmallRye's query cache, and the limit must still hold
        for (int round = 0; round < 2; round++) {
            gql(hq(), q.toString()).statusCode(200).body("data", nullValue())
                    .body("errors[0].message", containsString("complexity"))
                    .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("QUERY_TOO_COMPLEX"));
        }
        assertEquals(0, count(analytics, ".*"));
    }
}
