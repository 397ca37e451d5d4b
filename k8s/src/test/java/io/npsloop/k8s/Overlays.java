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

    static String yaml(String overlay) {
        return Kustomize.render(Paths.overlay(overlay));
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
