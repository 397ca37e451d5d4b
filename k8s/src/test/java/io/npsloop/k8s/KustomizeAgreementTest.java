package io.npsloop.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

/** The built-in renderer and the real kustomize produce the same objects (where kubectl/kustomize is installed). */
class KustomizeAgreementTest {

    static Map<String, JsonNode> byKindAndName(String yaml) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        try (MappingIterator<JsonNode> it = Manifests.MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isEmpty()) {
                    out.put(n.path("kind").asText() + "/" + n.path("metadata").path("name").asText(), n);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void builtInRendererAgreesWithKustomize(String overlay) throws Exception {
        Assumptions.assumeTrue(Kustomize.external().isPresent(), "no kubectl/kustomize here: nothing to compare with");
        Map<String, JsonNode> real = byKindAndName(Kustomize.renderExternal(Paths.overlay(overlay)));
        Map<String, JsonNode> mine = byKindAndName(MiniKustomize.render(Paths.overlay(overlay)));
        assertEquals(real.keySet(), mine.keySet());
        for (String key : real.keySet()) {
            assertEquals(real.get(key), mine.get(key), key);
        }
    }

    @Test
    void theBuiltInRendererRefusesWhatItDoesNotImplement() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kust");
        java.nio.file.Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels: {a: b}\n");
        assertThrows(IllegalArgumentException.class, () -> MiniKustomize.render(dir));
    }
}
