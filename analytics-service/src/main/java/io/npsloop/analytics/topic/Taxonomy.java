package io.npsloop.analytics.topic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The topics and their cue terms: {@code TOPIC: term, term} lines, plus {@code EXCLUDE:} lines of idioms that
 * are about no topic although they contain a cue ("没问题") and {@code SERVICE:} lines of the verbs after which an
 * object cue ({@code @term}) names the service rather than the thing ("换个刹车片"). Cue prefixes: {@code ~} weak,
 * {@code ^} modifier, {@code @} object, {@code %} outcome (see the constants). Loaded from the classpath ({@code classpath:} or a bare
 * resource name) or from a file ({@code file:/etc/...}); extra terms per topic may come from configuration.
 */
public record Taxonomy(Map<String, List<String>> terms, List<String> exclusions, List<String> serviceVerbs) {

    public static final String EXCLUDE = "EXCLUDE";
    /** Reserved line of the verbs after which an object cue names a service, not the thing ("换个刹车片"). */
    public static final String SERVICE = "SERVICE";
    /** Prefix of an object cue: a thing a service acts on (刹车片, 轮胎); right after a service verb it does not count. */
    public static final String OBJECT = "@";
    /** Prefix of a weak cue: it counts only in a clause where no other topic's cue is ("回复很快" is no WAIT_TIME). */
    public static final String WEAK = "~";
    /** Prefix of a modifier cue: weak, and a clause of its own describes the clause before ("博世的，质量不错"). */
    public static final String MODIFIER = "^";
    /**
     * Prefix of an outcome cue: weak, and a clause another topic's plain weak cue describes is about that description
     * ("fixed it in twenty minutes" is about the time the fix took, "二十分钟修好" too).
     */
    public static final String OUTCOME = "%";

    public Taxonomy {
        terms = Map.copyOf(terms);
        exclusions = List.copyOf(exclusions);
        serviceVerbs = List.copyOf(serviceVerbs);
    }

    public Taxonomy(Map<String, List<String>> terms, List<String> exclusions) {
        this(terms, exclusions, List.of());
    }

    public List<String> topics() {
        return terms.keySet().stream().sorted().toList();
    }

    public static Taxonomy load(String location, Map<String, List<String>> extra) {
        try (Reader r = open(location)) {
            return parse(r, extra);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + location, e);
        }
    }

    public static Taxonomy parse(String text) {
        try {
            return parse(new StringReader(text), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Taxonomy parse(Reader reader, Map<String, List<String>> extra) throws IOException {
        Map<String, Set<String>> terms = new LinkedHashMap<>();
        Set<String> exclusions = new LinkedHashSet<>();
        Set<String> service = new LinkedHashSet<>();
        BufferedReader br = new BufferedReader(reader);
        String line;
        int no = 0;
        while ((line = br.readLine()) != null) {
            no++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("taxonomy line " + no + " is not 'TOPIC: term, term'");
            }
            String topic = line.substring(0, colon).strip();
            if (!topic.matches("[A-Z][A-Z0-9_]{0,63}")) {
                throw new IllegalArgumentException("taxonomy line " + no + ": topic must be UPPER_SNAKE: " + topic);
            }
            Set<String> into = topic.equals(EXCLUDE) ? exclusions : topic.equals(SERVICE) ? service
                    : terms.computeIfAbsent(topic, t -> new LinkedHashSet<>());
            for (String t : line.substring(colon + 1).split("[,，]")) {
                String n = normalize(t);
                if (!n.isEmpty()) {
                    into.add(n);
                }
            }
        }
        extra.forEach((topic, list) -> {
            Set<String> into = topic.equals(EXCLUDE) ? exclusions : terms.computeIfAbsent(topic, t -> new LinkedHashSet<>());
            list.stream().map(Taxonomy::normalize).filter(s -> !s.isEmpty()).forEach(into::add);
        });
        Map<String, List<String>> out = new LinkedHashMap<>();
        terms.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return new Taxonomy(out, new ArrayList<>(exclusions), new ArrayList<>(service));
    }

    /** NFKC (full-width to half-width), lower case, inner whitespace collapsed. */
    public static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    private static Reader open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newBufferedReader(Path.of(location.substring(5)), StandardCharsets.UTF_8);
        }
        String res = location.startsWith("classpath:") ? location.substring(10) : location;
        res = res.startsWith("/") ? res.substring(1) : res;
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(res);
        if (in == null) {
            in = Taxonomy.class.getClassLoader().getResourceAsStream(res);
        }
        if (in == null) {
            throw new IOException("no such resource: " + res);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
