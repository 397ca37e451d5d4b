package io.npsloop.gateway.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Fills the request's {@link Recording} from inside graphql-java: whether the operation is a query selecting only
 * remembered root fields (plain fields: no fragments, no directives), and the answer once it has data and no error.
 * Added to SmallRye's instrumentation chain by {@code error/ErrorCodes}.
 */
public final class RecordingInstrumentation extends SimplePerformantInstrumentation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> rootFields;

    public RecordingInstrumentation(Set<String> rootFields) {
        this.rootFields = Set.copyOf(rootFields);
    }

    /** Runs where the request arrived: the recording is taken from there into graphql-java's own context. */
    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Recording r = Recording.current();
        if (r != null) {
            input.getGraphQLContext().put(Recording.class, r);
        }
        return input;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext ec = parameters.getExecutionContext();
        Recording r = ec.getGraphQLContext().get(Recording.class);
        if (r != null) {
            r.rememberable(remembered(ec.getOperationDefinition()));
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Recording r = parameters.getGraphQLContext().get(Recording.class);
        if (r != null && result.isDataPresent() && result.getErrors().isEmpty()
                && (result.getExtensions() == null || result.getExtensions().isEmpty())) {
            try {
                r.answer(JSON.writeValueAsString(result.toSpecification()));
            } catch (JsonProcessingException e) {
                // not remembered; the answer itself is SmallRye's to write
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    private boolean remembered(OperationDefinition op) {
        if (op.getOperation() != OperationDefinition.Operation.QUERY || !op.getDirectives().isEmpty()) {
            return false;
        }
        for (Selection<?> s : op.getSelectionSet().getSelections()) {
            if (!(s instanceof Field f) || !rootFields.contains(f.getName()) || !f.getDirectives().isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
