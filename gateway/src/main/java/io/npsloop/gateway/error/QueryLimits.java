package io.npsloop.gateway.error;

import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.ExecutionResult;
import graphql.language.Document;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Depth and complexity limits (graphql-java's own instrumentations, checked before execution, so before any
 * downstream call), with the verdict remembered: SmallRye's query cache hands out the same {@link Document} for the
 * same query text, and a document that passed with the same operation and variables passes again, so the dashboard
 * query is not re-traversed on every request (~7 % of the gateway's CPU per query). Only passes are remembered; a
 * query over a limit is analysed (and aborted) every time.
 */
final class QueryLimits extends SimplePerformantInstrumentation {

    /** Variable sets remembered per document at most (then forgotten for that document). */
    private static final int PER_DOCUMENT = 64;

    private final MaxQueryDepthInstrumentation depth;
    private final MaxQueryComplexityInstrumentation complexity;
    private final Map<Document, Set<List<Object>>> passed = Collections.synchronizedMap(new WeakHashMap<>());

    QueryLimits(int maxDepth, int maxComplexity) {
        this.depth = new MaxQueryDepthInstrumentation(maxDepth);
        this.complexity = new MaxQueryComplexityInstrumentation(maxComplexity);
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return complexity.createStateAsync(parameters); // the complexity check keeps its parameters in its state
    }

    @Override
    public InstrumentationContext<List<graphql.validation.ValidationError>> beginValidation(
            graphql.execution.instrumentation.parameters.InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        return complexity.beginValidation(parameters, state);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext ec = parameters.getExecutionContext();
        Document document = ec.getDocument();
        List<Object> key = List.of(String.valueOf(ec.getExecutionInput().getOperationName()), ec.getCoercedVariables().toMap());
        Set<List<Object>> ok = passed.get(document);
        if (ok != null && ok.contains(key)) {
            return SimpleInstrumentationContext.noOp();
        }
        depth.beginExecuteOperation(parameters, state);      // throws AbortExecutionException when too deep
        complexity.beginExecuteOperation(parameters, state); // … or too complex
        Set<List<Object>> set = passed.computeIfAbsent(document, d -> ConcurrentHashMap.newKeySet());
        if (set.size() >= PER_DOCUMENT) {
            set.clear();
        }
        set.add(key);
        return SimpleInstrumentationContext.noOp();
    }
}
