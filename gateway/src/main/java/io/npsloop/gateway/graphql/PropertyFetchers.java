package io.npsloop.gateway.graphql;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

import java.lang.reflect.Method;

/**
 * The data fetcher of every plain property of the gateway's own types (record components such as
 * {@code Dashboard.nps} or {@code Metric.value}), through SmallRye GraphQL's {@link DataFetcherService} SPI
 * (META-INF/services). SmallRye's default {@code FieldDataFetcher} builds a complete per-field {@code Context} before
 * reading the property — a clone of the request context plus the field's selection set rendered twice as JSON-P
 * arrays — and throws it away again after the getter returned. The dashboard query has ~60 such fields and that was
 * the largest single item of the gateway's CPU per query. A record accessor never looks at that context, so this
 * fetcher only reads the property and applies SmallRye's own output transformation ({@link FieldHelper}, e.g.
 * collections and scalar formats), exactly as the default does; the thread's current context is cleared afterwards,
 * as the default leaves it. Fields of other owners and fields with an {@code @AdaptWith} adapter (which may ask for
 * the context) keep SmallRye's default fetcher. Resolvers ({@code @Query}, {@code @Source}) are not affected: their
 * {@code Context} is built as before.
 */
@RegisterForReflection
public class PropertyFetchers implements DataFetcherService {

    private static final String OWN_TYPES = "io.npsloop.gateway.";

    @Override
    public Integer getPriority() {
        return 0; // only getFieldDataFetcher is answered here; Quarkus' service (priority 1) leaves it to the default
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        if (owner == null || owner.getClassName() == null || !owner.getClassName().startsWith(OWN_TYPES)
                || field.isAdaptingWith() || field.getReference().isAdaptingWith()) {
            return null; // SmallRye's FieldDataFetcher
        }
        return new PropertyFetcher<>(field, owner);
    }

    /** Reads one property of the source object; no per-field context. */
    static final class PropertyFetcher<T> implements PlugableDataFetcher<T>, TrivialDataFetcher<T> {

        private final Field field;
        private final Reference owner;
        private final FieldHelper fieldHelper;
        private volatile Accessor accessor;

        PropertyFetcher(Field field, Reference owner) {
            this.field = field;
            this.owner = owner;
            this.fieldHelper = new FieldHelper(field);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            Accessor a = accessor;
            if (a == null) {
                accessor = a = accessor();
            }
            Object value = null;
            try {
                value = a.get(dfe.getSource());
                return (T) fieldHelper.transformOrAdaptResponse(value, dfe);
            } catch (AbstractDataFetcherException e) {
                return (T) value; // as SmallRye's default: the untransformed value (graphql-java reports a type error)
            } finally {
                SmallRyeContextManager.clearCurrentSmallRyeContext();
            }
        }

        private Accessor accessor() {
            try {
                Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
                if (field.getMethodName() == null) {
                    java.lang.reflect.Field f = type.getField(field.getPropertyName());
                    return f::get;
                }
                Method m = type.getMethod(field.getMethodName());
                return m::invoke;
            } catch (ReflectiveOperationException e) {
                throw new GraphQLException(e);
            }
        }
    }

    @FunctionalInterface
    private interface Accessor {
        Object get(Object source) throws Exception;
    }
}
