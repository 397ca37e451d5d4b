package io.npsloop.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Shared, cached inputs of the tests: rendered overlays, the services' configuration, the README's commands. */
final class Overlays {

    static final String[] NAMES = { "dev", "prod" };

    private static final Map<String, Manifests> PARSED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();

    private static final com.fasterxml.jackson.databind.ObjectMapper CANON = new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * The rendered overlay in one canonical text form (documents by kind/name, keys sorted, kubectl's layout) whichever renderer made it,
     * so that tests which edit the text (NegativeTest) do not depend on the renderer's formatting.
     */
    static String yaml(String overlay) {
        return CANONICAL.computeIfAbsent(overlay, o -> {
            java.util.TreeMap<String, String> docs = new java.util.TreeMap<>(); // ordered by kind/name
            try (com.fasterxml.jackson.databind.MappingIterator<com.fasterxml.jackson.databind.JsonNode> it = CANON
                    .readerFor(com.fasterxml.jackson.databind.JsonNode.class).readValues(Kustomize.render(Paths.overlay(o)))) {
                while (it.hasNext()) {
                    com.fasterxml.jackson.databind.JsonNode n = it.next();
                    if (n != null && !n.isEmpty()) {
                        Object sorted = CANON.treeToValue(n, Object.class);
                        docs.put(n.path("kind").asText() + "/" + n.path("metadata").path("name").asText(),
                                CANON.writeValueAsString(sorted));
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return String.join("", docs.values());
        });
    }

    static Manifests manifests(String overlay) {
        return PARSED.computeIfAbsent(overlay, o -> Manifests.parse(yaml(o)));
    }

    static Map<String, ServiceConfig> configs() {
        Map<String, ServiceConfig> out = new LinkedHashMap<>();
        for (String s : ServiceConfig.SERVICES) {
            out.put(s, ServiceConfig.load(s));
        }
        return out;
    }

    /** Image tag suffix per overlay: prod runs the native images. */
    static String tagSuffix(String overlay) {
        return overlay.equals("prod") ? "-native" : "";
    }

    static String readme() {
        try {
            return Files.readString(Paths.k8s().resolve("README.md"));
        } catch (IOException e) {
            throw new AssertionError("k8s/README.md: " + e, e);
        }
    }

    static Set<String> readmeCreated() {
        return ManifestChecks.createdByReadme(readme());
    }
}
