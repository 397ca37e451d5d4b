package io.npsloop.gateway.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.spi.EventingService;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Gives graphql-java's own errors a code too: a document that does not parse or validate (unknown field, wrong
 * enum value, missing argument) → {@code BAD_USER_INPUT}; a query over the depth or complexity limit →
 * {@code QUERY_TOO_COMPLEX}. Added, with the depth/complexity limits ({@link QueryLimits}), to SmallRye's
 * instrumentation chain when the GraphQL engine is built, through SmallRye's {@link EventingService} SPI (META-INF/services): with CDI
 * events off ({@code quarkus.smallrye-graphql.events.enabled=false}) no CDI event is fired per request and per
 * data fetch, which cost several per cent of the gateway's CPU on the dashboard query.
 */
@RegisterForReflection(targets = GraphQL.Builder.class, fields = true)
public class ErrorCodes implements EventingService {

    /** Always on: a null key means SmallRye loads this service regardless of configuration. */
    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        addToChain(builder);
        return builder;
    }

    static void addToChain(GraphQL.Builder builder) {
        Instrumentation existing = null;
        try {
            Field field = GraphQL.Builder.class.getDeclaredField("instrumentation");
            field.setAccessible(true);
            existing = (Instrumentation) field.get(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // graphql-java changed: keep at least the limits and the codes, even without SmallRye's chain
            existing = null;
        }
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        Instrumentation limits = new QueryLimits(config.getOptionalValue("npsloop.graphql.max-depth", Integer.class).orElse(12),
                config.getOptionalValue("npsloop.graphql.max-complexity", Integer.class).orElse(600));
        Instrumentation recording = new io.npsloop.gateway.cache.RecordingInstrumentation(java.util.Arrays.stream(config
                .getOptionalValue("npsloop.graphql.response-cache.root-fields", String.class).orElse("dashboard").split(","))
                .map(String::strip).filter(f -> !f.isEmpty()).collect(java.util.stream.Collectors.toSet()));
        builder.instrumentation(existing == null ? new ChainedInstrumentation(List.of(limits, new CodeInstrumentation(), recording))
                : new ChainedInstrumentation(List.of(existing, limits, new CodeInstrumentation(), recording)));
    }

    static final class CodeInstrumentation extends SimplePerformantInstrumentation {

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (result.getErrors().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            List<GraphQLError> errors = result.getErrors().stream().map(CodeInstrumentation::withCode).toList();
            return CompletableFuture.completedFuture(result.transform(b -> b.errors(errors)));
        }

        private static GraphQLError withCode(GraphQLError error) {
            if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
                return error;
            }
            ErrorClassification type = error.getErrorType();
            String code;
            if (type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax) {
                code = "BAD_USER_INPUT";
            } else if (type == ErrorType.ExecutionAborted) {
                code = "QUERY_TOO_COMPLEX";
            } else {
                return error;
            }
            Map<String, Object> extensions = new LinkedHashMap<>();
            if (error.getExtensions() != null) {
                extensions.putAll(error.getExtensions());
            }
            extensions.put("code", code);
            extensions.put("classification", type.toString());
            return GraphqlErrorBuilder.newError().message(error.getMessage()).locations(error.getLocations())
                    .path(error.getPath()).errorType(type).extensions(extensions).build();
        }
    }
}
