package io.npsloop.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize: {@code kubectl kustomize} (kustomize is built into kubectl) or a
 * standalone {@code kustomize build}. Which binary: {@code $KUBECTL} or {@code $KUSTOMIZE} if set, else the first
 * {@code kubectl} then {@code kustomize} on the PATH; with none, the built-in {@link MiniKustomize}.
 */
final class Kustomize {

    private static final Map<Path, String> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /**
     * Renders with kubectl/kustomize when one is installed, else with the built-in {@link MiniKustomize} (which
     * {@code KustomizeAgreementTest} keeps equal to the real one wherever it can run). Set
     * {@code -Dnpsloop.kustomize=external} to require the real one, {@code =builtin} to use the built-in one.
     */
    static String render(Path kustomizationDir) {
        return CACHE.computeIfAbsent(kustomizationDir.toAbsolutePath().normalize(), dir -> {
            String mode = System.getProperty("npsloop.kustomize", "auto");
            if (mode.equals("external") || (mode.equals("auto") && external().isPresent())) {
                return renderExternal(dir);
            }
            System.err.println("k8s: no kubectl/kustomize on the PATH; rendering " + dir + " with the built-in renderer");
            return MiniKustomize.render(dir);
        });
    }

    /** The external binary to use, if any. */
    static Optional<Path> external() {
        return fromEnv("KUBECTL").or(() -> fromEnv("KUSTOMIZE")).or(() -> onPath("kubectl")).or(() -> onPath("kustomize"));
    }

    static String renderExternal(Path dir) {
        List<String> command = command(dir);
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError("kustomize failed (" + String.join(" ", command) + "):\n" + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<String> command(Path dir) {
        List<String> cmd = new ArrayList<>();
        Optional<Path> kubectl = fromEnv("KUBECTL").or(() -> onPath("kubectl"));
        if (kubectl.isPresent() && System.getenv("KUSTOMIZE") == null) {
            cmd.add(kubectl.get().toString());
            cmd.add("kustomize");
        } else {
            Path kustomize = fromEnv("KUSTOMIZE").or(() -> onPath("kustomize")).orElseThrow(() -> new AssertionError(
                    "Rendering the k8s overlays needs kubectl (>= 1.27, kustomize v5 built in) or kustomize v5 on the "
                            + "PATH, or $KUBECTL / $KUSTOMIZE naming one. Install kubectl (e.g. Debian/Ubuntu package "
                            + "'kubectl' from the Kubernetes apt repository) — see k8s/README.md \"Validation\"."));
            cmd.add(kustomize.toString());
            cmd.add("build");
        }
        cmd.add(dir.toString());
        return cmd;
    }

    private static Optional<Path> fromEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(v);
        if (!Files.isExecutable(p)) {
            throw new AssertionError("$" + name + "=" + v + " is not an executable file");
        }
        return Optional.of(p);
    }

    private static Optional<Path> onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, exe);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
