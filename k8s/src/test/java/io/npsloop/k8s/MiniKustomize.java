package io.npsloop.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A pure-Java renderer for exactly the subset of kustomize that k8s/ uses — {@code resources} (files and
 * directories), {@code namespace}, {@code images} (newName/newTag) and {@code patches} given inline as RFC 6902
 * JSON patches with a {@code target} (group, version, kind, name) — so the checks also run where neither kubectl nor
 * kustomize is installed. Anything else in a kustomization is refused (use the real kustomize then).
 * {@code KustomizeAgreementTest} proves it renders the same objects as {@code kubectl kustomize} wherever kubectl is.
 */
final class MiniKustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private MiniKustomize() {
    }

    static String render(Path dir) {
        StringBuilder out = new StringBuilder();
        for (JsonNode doc : build(dir)) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(doc));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode k = read(file).get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                throw new IllegalArgumentException(file + ": '" + f + "' is beyond the built-in renderer; install kubectl");
            }
        }
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                docs.addAll(build(p));
            } else {
                read(p).forEach(d -> docs.add((ObjectNode) d));
            }
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode d : docs) {
                if (!CLUSTER_SCOPED.contains(d.path("kind").asText())) {
                    ((ObjectNode) d.with("metadata")).put("namespace", k.get("namespace").asText());
                }
            }
        }
        for (JsonNode patch : k.path("patches")) {
            JsonNode t = patch.path("target");
            if (!patch.has("patch") || patch.has("path") || t.isMissingNode()) {
                throw new IllegalArgumentException(file + ": only inline JSON6902 patches with a target are supported");
            }
            JsonNode ops;
            try {
                ops = YAML.readTree(patch.get("patch").asText());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": patch is not YAML: " + e.getMessage(), e);
            }
            if (!ops.isArray()) {
                throw new IllegalArgumentException(file + ": a patch must be a JSON6902 list of operations");
            }
            int hits = 0;
            for (ObjectNode d : docs) {
                if (matches(t, d)) {
                    hits++;
                    for (JsonNode op : ops) {
                        apply(d, op);
                    }
                }
            }
            if (hits == 0) {
                throw new IllegalArgumentException(file + ": patch target " + t + " matches nothing");
            }
        }
        for (JsonNode img : k.path("images")) {
            for (ObjectNode d : docs) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String image = c.path("image").asText();
                    int slash = image.lastIndexOf('/');
                    int colon = image.lastIndexOf(':');
                    String name = colon > slash ? image.substring(0, colon) : image;
                    String tag = colon > slash ? image.substring(colon + 1) : null;
                    if (name.equals(img.path("name").asText())) {
                        String newName = img.path("newName").asText(name);
                        String newTag = img.hasNonNull("newTag") ? img.get("newTag").asText() : tag;
                        ((ObjectNode) c).put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
        }
        return docs;
    }

    private static boolean matches(JsonNode t, JsonNode d) {
        String apiVersion = d.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        return (!t.has("kind") || t.get("kind").asText().equals(d.path("kind").asText()))
                && (!t.has("name") || t.get("name").asText().equals(d.path("metadata").path("name").asText()))
                && (!t.has("group") || t.get("group").asText().equals(group))
                && (!t.has("version") || t.get("version").asText().equals(version));
    }

    /** RFC 6902 add / replace / remove (what the overlays use). */
    static void apply(ObjectNode doc, JsonNode op) {
        String path = op.path("path").asText();
        String o = op.path("op").asText();
        int cut = path.lastIndexOf('/');
        JsonNode parent = doc.at(path.substring(0, cut));
        String last = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isMissingNode()) {
            throw new IllegalArgumentException("patch path " + path + ": parent missing");
        }
        switch (o) {
            case "add", "replace" -> {
                JsonNode value = op.get("value");
                if (parent instanceof ObjectNode on) {
                    if (o.equals("replace") && !on.has(last)) {
                        throw new IllegalArgumentException("replace " + path + ": nothing there");
                    }
                    on.set(last, value);
                } else if (parent instanceof ArrayNode an) {
                    if (last.equals("-")) {
                        an.add(value);
                    } else if (o.equals("add")) {
                        an.insert(Integer.parseInt(last), value);
                    } else {
                        an.set(Integer.parseInt(last), value);
                    }
                }
            }
            case "remove" -> {
                if (parent instanceof ObjectNode on) {
                    on.remove(last);
                } else if (parent instanceof ArrayNode an) {
                    an.remove(Integer.parseInt(last));
                }
            }
            default -> throw new IllegalArgumentException("patch op " + o + " not supported by the built-in renderer");
        }
    }

    private static List<JsonNode> read(Path p) {
        try {
            return read(Files.readString(p));
        } catch (IOException e) {
            throw new IllegalArgumentException(p + ": " + e, e);
        }
    }

    private static List<JsonNode> read(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    out.add(n);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return out;
    }
}
