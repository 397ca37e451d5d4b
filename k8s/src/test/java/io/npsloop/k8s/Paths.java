package io.npsloop.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the k8s module, the repository root above it, the suite version (from the POM via Surefire). */
final class Paths {

    private Paths() {
    }

    static Path k8s() {
        String dir = System.getProperty("npsloop.k8s.dir");
        Path p = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(p.resolve("overlays"))) {
            throw new AssertionError("k8s module not found at " + p);
        }
        return p.toAbsolutePath().normalize();
    }

    static Path root() {
        return k8s().getParent();
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static String version() {
        String v = System.getProperty("npsloop.version");
        if (v == null) {
            throw new AssertionError("system property npsloop.version not set (run through Maven: ./mvnw -pl k8s verify)");
        }
        return v;
    }
}
