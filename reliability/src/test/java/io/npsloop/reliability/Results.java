package io.npsloop.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Figures of a run: always printed; appended to {@code -Dreliability.results=<file>} when the bench scripts set it. */
final class Results {
    private Results() {
    }

    static void report(String test, String line) {
        System.out.println("[" + test + "] " + line);
        String file = System.getProperty("reliability.results", "");
        if (file.isBlank()) {
            return;
        }
        try {
            Path p = Path.of(file);
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, "| " + Instant.now() + " | " + test + " | " + line + " |\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
