package io.npsloop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the launcher runs from, and its git-ignored state directory {@code .npsloop/}. */
record Home(Path root) {

    static Home fromSystemProperty() {
        String dir = System.getProperty("npsloop.home", System.getProperty("user.dir"));
        return new Home(Path.of(dir).toAbsolutePath().normalize());
    }

    /** {@code .npsloop/} in the checkout, or {@code NPSLOOP_STATE_DIR} (benchmarks run on a throw-away one). */
    Path state() {
        String override = System.getenv("NPSLOOP_STATE_DIR");
        return mkdirs(override == null || override.isBlank() ? root.resolve(".npsloop") : Path.of(override).toAbsolutePath());
    }

    Path state(String child) {
        return state().resolve(child);
    }

    Path serviceJar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
