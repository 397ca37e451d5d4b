package io.npsloop.gateway.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import org.eclipse.microprofile.graphql.GraphQLException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of every error the gateway reports. Subclasses carry {@code @ErrorCode} (→ {@code extensions.code}); the
 * {@link GraphQLError} side contributes further extension members ({@code service}, {@code invalidParams}). Being
 * a {@link GraphQLException} it may carry a partial result (e.g. an empty list for a non-null list field), so a
 * failed service does not null the whole response.
 */
public abstract class GatewayError extends GraphQLException implements GraphQLError {

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected GatewayError(String message, Object partialResults) {
        super(message, partialResults);
    }

    public GatewayError with(String key, Object value) {
        if (value != null) {
            extensions.put(key, toJson(value));
        }
        return this;
    }

    /** SmallRye writes extension values that are not JSON values with toString(): hand it JSON. */
    private static Object toJson(Object value) {
        if (value instanceof jakarta.json.JsonValue || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            var b = jakarta.json.Json.createObjectBuilder();
            map.forEach((k, v) -> b.add(String.valueOf(k), v == null ? jakarta.json.JsonValue.NULL : asValue(toJson(v))));
            return b.build();
        }
        if (value instanceof Iterable<?> list) {
            var b = jakarta.json.Json.createArrayBuilder();
            list.forEach(v -> b.add(v == null ? jakarta.json.JsonValue.NULL : asValue(toJson(v))));
            return b.build();
        }
        return value.toString();
    }

    private static jakarta.json.JsonValue asValue(Object json) {
        return json instanceof jakarta.json.JsonValue v ? v : jakarta.json.Json.createValue(json.toString());
    }

    /** This error as an unchecked exception, to throw from lambdas. */
    public RuntimeException unchecked() {
        return new GatewayFailure(this);
    }

    /** The extensions' {@code code} member (also given by {@code @ErrorCode} on the subclass). */
    public abstract String code();

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // expected outcomes, not bugs: no stack traces
    }
}
