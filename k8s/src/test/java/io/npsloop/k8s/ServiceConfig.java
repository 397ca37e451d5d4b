package io.npsloop.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manifests must agree with, read from a service's {@code src/main/resources/application.properties}
 * (the %prod profile's view: a {@code %prod.} key wins over the plain one; other profiles are ignored).
 */
record ServiceConfig(String service, int httpPort, int healthPort, String livePath, String readyPath,
        String startedPath, String metricsPath, String imageGroup, String imageName, String imageTag,
        Optional<String> jibUser, Optional<String> baseJvmImage, Optional<String> baseNativeImage,
        java.util.Map<String, Optional<String>> envRefs) {

    static final String[] SERVICES = { "gateway", "survey-service", "analytics-service", "referral-service" };

    private static final Pattern EXPR = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    static ServiceConfig load(String service) {
        return of(service, Paths.root().resolve(service).resolve("src/main/resources/application.properties"));
    }

    static ServiceConfig of(String service, Path file) {
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            raw.load(r);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
        return of(service, raw, file.toString());
    }

    static ServiceConfig of(String service, Properties raw, String where) {
        Properties p = new Properties();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> p.setProperty(k, raw.getProperty(k)));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod."))
                .forEach(k -> p.setProperty(k.substring("%prod.".length()), raw.getProperty(k)));
        p.putIfAbsent("quarkus.application.version", Paths.version());

        int httpPort = Integer.parseInt(get(p, "quarkus.http.port", "8080"));
        boolean management = Boolean.parseBoolean(get(p, "quarkus.management.enabled", "false"));
        int healthPort = management ? Integer.parseInt(get(p, "quarkus.management.port", "9000")) : httpPort;
        String nonApp = absolute("/", get(p, management ? "quarkus.management.root-path" : "quarkus.http.non-application-root-path", "q"));
        String base = absolute(nonApp, get(p, "quarkus.smallrye-health.root-path", "health"));
        String live = sub(base, get(p, "quarkus.smallrye-health.liveness-path", "live"));
        String ready = sub(base, get(p, "quarkus.smallrye-health.readiness-path", "ready"));
        String started = sub(base, get(p, "quarkus.smallrye-health.startup-path", "started"));
        String metrics = absolute(nonApp, get(p, "quarkus.micrometer.export.prometheus.path", "metrics"));
        String group = p.getProperty("quarkus.container-image.group");
        if (group == null) {
            throw new AssertionError(where + ": quarkus.container-image.group is not set; the manifests reference "
                    + "npsloop/<service> images (add the '# --- Container image (k8s/)' block)");
        }
        return new ServiceConfig(service, httpPort, healthPort, live, ready, started, metrics, resolve(p, group),
                get(p, "quarkus.container-image.name", p.getProperty("quarkus.application.name", service)),
                get(p, "quarkus.container-image.tag", Paths.version()),
                Optional.ofNullable(p.getProperty("quarkus.jib.user")).map(v -> resolve(p, v)),
                Optional.ofNullable(p.getProperty("quarkus.jib.base-jvm-image")).map(v -> resolve(p, v)),
                Optional.ofNullable(p.getProperty("quarkus.jib.base-native-image")).map(v -> resolve(p, v)),
                envRefs(p));
    }

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    /** Environment variables the (%prod view of the) properties read: ${NAME} or ${NAME:default}. */
    static java.util.Map<String, Optional<String>> envRefs(Properties p) {
        java.util.Map<String, Optional<String>> out = new java.util.TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            Matcher m = ENV_REF.matcher(p.getProperty(k));
            while (m.find()) {
                out.put(m.group(1), Optional.ofNullable(m.group(2)));
            }
        }
        return out;
    }

    /**
     * Env vars that Kubernetes must set: no default, a default that only suits a laptop (dev-only…, change-me…,
     * localhost), or a secret by name (…SECRET, …SALT, …PASSWORD, …PRIVATE_KEY, …TOKEN…).
     */
    java.util.Set<String> requiredEnv() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        envRefs.forEach((name, dflt) -> {
            String d = dflt.orElse(null);
            if (d == null || d.contains("dev-only") || d.contains("change-me") || d.contains("localhost")
                    || name.matches(".*(SECRET|SALT|PASSWORD|PRIVATE_KEY|TOKEN).*")) {
                out.add(name);
            }
        });
        return out;
    }

    /** The image repository path without registry: group/name. */
    String repository() {
        return imageGroup + "/" + imageName;
    }

    private static String sub(String base, String leaf) {
        return absolute(base, leaf);
    }

    /** Quarkus' rule: a path starting with '/' is absolute, otherwise relative to its parent root. */
    static String absolute(String parent, String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.startsWith("/")) {
            return p;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + p;
    }

    private static String get(Properties p, String key, String dflt) {
        String v = p.getProperty(key);
        return resolve(p, v == null ? dflt : v);
    }

    /** Resolves ${key} and ${key:default} against the file's own properties (no env: the manifests set no such env). */
    static String resolve(Properties p, String value) {
        String v = value;
        for (int guard = 0; guard < 10; guard++) {
            Matcher m = EXPR.matcher(v);
            if (!m.find()) {
                return v;
            }
            StringBuilder sb = new StringBuilder();
            m.reset();
            while (m.find()) {
                String r = p.getProperty(m.group(1));
                if (r == null) {
                    r = m.group(2) == null ? "" : m.group(2);
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(r));
            }
            m.appendTail(sb);
            v = sb.toString();
        }
        throw new AssertionError("unresolvable expression: " + value);
    }
}
