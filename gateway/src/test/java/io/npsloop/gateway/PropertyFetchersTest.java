package io.npsloop.gateway;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway's own types are read by graphql/PropertyFetchers (no per-field SmallRye context); root resolvers keep
 * SmallRye's fetchers.
 */
@QuarkusTest
class PropertyFetchersTest extends GatewayTestBase {

    @Inject
    GraphQLSchema schema;

    @Test
    void propertiesOfOurTypesUseThePropertyFetcher() {
        for (String type : new String[] {"Dashboard", "Metric", "NpsResult", "Warning", "ReasonCount"}) {
            GraphQLObjectType object = schema.getObjectType(type);
            object.getFieldDefinitions().forEach(f -> assertEquals("PropertyFetcher", schema.getCodeRegistry()
                            .getDataFetcher(FieldCoordinates.coordinates(type, f.getName()), f).getClass().getSimpleName(),
                            type + "." + f.getName()));
        }
        var dashboard = schema.getQueryType().getFieldDefinition("dashboard");
        String root = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates("Query", "dashboard"), dashboard)
                .getClass().getSimpleName();
        org.junit.jupiter.api.Assertions.assertNotEquals("PropertyFetcher", root);
    }

    @Test
    void nestedValuesListsAndNullsResolveAsBefore() {
        analytics.register(get(urlPathEqualTo("/api/v1/dashboard")).willReturn(okJson(Fixtures.dashboard("2026-W48", 64.0))));
        gql(hq(), """
                { dashboard(week: "2026-W48") { week authenticityRate nps { value n marginOfError }
                    repairNps { value previous delta significant } coverage { value }
                    warnings { kind segment z } topDetractorReasons { reason count } } }""")
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.dashboard.week", is("2026-W48"))
                .body("data.dashboard.nps.value", is(64.0f))
                .body("data.dashboard.repairNps.delta", is(-8.0f))
                .body("data.dashboard.warnings[0].segment", is("REPAIR"))
                .body("data.dashboard.topDetractorReasons.reason", contains("REPAIR_QUALITY", "WAIT_TIME"));
    }
}
