package io.npsloop.k8s;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * A rendered overlay parsed into typed models: fabric8 kubernetes-model classes for the built-in kinds and
 * {@link Cnpg} records for the CloudNativePG ones. Only the kinds listed in {@link #TYPES} are accepted, and a field
 * that the model does not know fails the parse: Jackson's FAIL_ON_UNKNOWN_PROPERTIES for the records, and for
 * fabric8's models (which collect unknown fields in {@code additionalProperties} instead of failing) a walk over the
 * whole object tree that rejects any non-empty {@code additionalProperties}.
 */
final class Manifests {

    /** apiVersion + " " + kind → model class. Anything else in an overlay is an error. */
    static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Secret", Secret.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
            Map.entry("postgresql.cnpg.io/v1 Cluster", Cnpg.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1 Database", Cnpg.Database.class));

    static final ObjectMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    final List<Object> all;

    private Manifests(List<Object> all) {
        this.all = List.copyOf(all);
    }

    /** Parses multi-document YAML; throws {@link IllegalArgumentException} naming the document and field on error. */
    static Manifests parse(String yaml) {
        List<Object> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String key = doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
                String where = "document " + index + " (" + key + " " + doc.path("metadata").path("name").asText() + ")";
                Class<?> type = TYPES.get(key);
                if (type == null) {
                    throw new IllegalArgumentException(where + ": kind not allowed in an overlay; known: " + TYPES.keySet());
                }
                Object model;
                try {
                    model = MAPPER.treeToValue(doc, type);
                } catch (Exception e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                List<String> unknown = new ArrayList<>();
                unknownFields(model, "", unknown);
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(where + ": unknown field(s) " + unknown);
                }
                out.add(model);
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        return new Manifests(out);
    }

    /** Collects the paths of every non-empty {@code additionalProperties} in a fabric8 model tree. */
    static void unknownFields(Object node, String path, List<String> out) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        Class<?> type = node.getClass();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                unknownFields(invoke(rc.getAccessor(), node), path + "." + rc.getName(), out);
            }
            return;
        }
        if (!type.getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            for (PropertyDescriptor pd : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
                Method getter = pd.getReadMethod();
                if (getter == null || getter.getParameterCount() != 0) {
                    continue;
                }
                Object value = invoke(getter, node);
                if (pd.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                        for (Object k : m.keySet()) {
                            out.add((path.isEmpty() ? "" : path + ".") + k);
                        }
                    }
                } else {
                    unknownFields(value, path + "." + pd.getName(), out);
                }
            }
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(m + ": " + e, e);
        }
    }

    <T> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> Optional<T> find(Class<T> type, Predicate<T> p) {
        return of(type).stream().filter(p).findFirst();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return find(type, r -> name.equals(r.getMetadata().getName()));
    }

    Optional<Cnpg.Cluster> cluster(String name) {
        return find(Cnpg.Cluster.class, c -> name.equals(c.metadata().getName()));
    }
}
