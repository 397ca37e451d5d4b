package io.npsloop.analytics.topic;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision, recall and F1 per topic of the default taxonomy on the labelled comment sets (test resources
 * topics/labelled-comments-*.tsv). Rounds 1-3 tuned the taxonomy on the dev half only and showed, on the held-out
 * half and on "held-out 2", that tuning on one set's phrasings does not carry over. Rounds 4-7 tuned on all three
 * (the "tuning set") and were measured on sets by four other writers who had read neither the taxonomy nor any other
 * labelled comment: "blind" after round 4, "sealed" after round 5, "sealed 2" after round 6 (each set's per-topic
 * figures, never its comments, guided the rounds after) and "sealed 3", run for the first time after round 7: the
 * figure for comments nobody tuned against. Only the tuning set's misclassifications are listed. Writes the table to
 * target/analytics-topics.md (bench/analytics-topics.sh copies it to bench/results/).
 */
class TopicEvaluationTest {

    record Labelled(String split, String text, Set<String> topics) {
    }

    record Score(String topic, int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    static TopicClassifier classifier;
    /** dev + held-out: the "full set" of the report (unchanged since the first round, so figures compare). */
    static List<Labelled> all;
    static List<Labelled> heldout2;
    static List<Labelled> blind;
    static List<Labelled> sealed;
    static List<Labelled> sealed2;
    static List<Labelled> sealed3;

    @BeforeAll
    static void load() throws IOException {
        classifier = new TopicClassifier(Taxonomy.load("topics/taxonomy.txt", Map.of()));
        all = new ArrayList<>();
        all.addAll(read("dev"));
        all.addAll(read("heldout"));
        heldout2 = read("heldout2");
        blind = read("blind");
        sealed = read("sealed");
        sealed2 = read("sealed2");
        sealed3 = read("sealed3");
    }

    static List<Labelled> read(String split) throws IOException {
        try (InputStream in = TopicEvaluationTest.class.getClassLoader()
                .getResourceAsStream("topics/labelled-comments-" + split + ".tsv")) {
            List<Labelled> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 2);
                Set<String> topics = cols[0].isBlank() ? Set.of()
                        : Arrays.stream(cols[0].split("\\|")).map(String::strip).collect(Collectors.toSet());
                out.add(new Labelled(split, cols[1].strip(), topics));
            }
            return out;
        }
    }

    static Map<String, Score> evaluate(List<Labelled> set, List<String> errors) {
        Map<String, int[]> c = new LinkedHashMap<>();
        for (String t : classifier.taxonomy().topics()) {
            c.put(t, new int[3]);
        }
        for (Labelled l : set) {
            Set<String> got = classifier.classify(l.text()).topics();
            for (String t : c.keySet()) {
                boolean want = l.topics().contains(t), has = got.contains(t);
                if (want && has) c.get(t)[0]++;
                if (!want && has) c.get(t)[1]++;
                if (want && !has) c.get(t)[2]++;
            }
            if (!got.equals(l.topics()) && errors != null) {
                errors.add(l.split() + " want " + new TreeSet<>(l.topics()) + " got " + classifier.classify(l.text()).keywords()
                        + " : " + l.text());
            }
        }
        Map<String, Score> out = new LinkedHashMap<>();
        c.forEach((t, v) -> out.put(t, new Score(t, v[0], v[1], v[2])));
        return out;
    }

    static double macroF1(Map<String, Score> scores) {
        return scores.values().stream().mapToDouble(Score::f1).average().orElse(0);
    }

    @Test
    void labelledSetHasEnoughRealisticVariety() {
        assertTrue(all.size() >= 300, "at least 300 labelled comments: " + all.size());
        assertTrue(all.stream().filter(l -> l.topics().isEmpty()).count() >= 15, "comments with no topic");
        assertTrue(all.stream().filter(l -> l.topics().size() > 1).count() >= 40, "multi-topic comments");
        assertTrue(all.stream().filter(l -> l.text().chars().allMatch(ch -> ch < 0x2E80)).count() >= 20, "English comments");
        for (String t : classifier.taxonomy().topics()) {
            assertTrue(all.stream().filter(l -> l.topics().contains(t)).count() >= 20, "examples of " + t);
        }
    }

    @Test
    void blindAndSealedSetsAreLargeEnoughAndVaried() {
        for (List<Labelled> set : List.of(blind, sealed, sealed2, sealed3)) {
            String name = set.get(0).split();
            assertTrue(set.size() >= 200, name + " comments: " + set.size());
            assertTrue(set.stream().filter(l -> l.topics().isEmpty()).count() >= 10, name + " comments with no topic");
            for (String t : classifier.taxonomy().topics()) {
                assertTrue(set.stream().filter(l -> l.topics().contains(t)).count() >= 25, name + " examples of " + t);
            }
        }
    }

    @Test
    void macroF1OnTheSealedSetsAndTheTableIsWritten() throws IOException {
        List<String> errors = new ArrayList<>();
        List<Labelled> dev = all.stream().filter(l -> l.split().equals("dev")).toList();
        List<Labelled> heldout = all.stream().filter(l -> l.split().equals("heldout")).toList();
        List<Labelled> tuning = new ArrayList<>(all);
        tuning.addAll(heldout2);
        Map<String, Score> sTuning = evaluate(tuning, errors);
        Map<String, Score> sDev = evaluate(dev, null);
        Map<String, Score> sHeld = evaluate(heldout, null);
        Map<String, Score> sHeld2 = evaluate(heldout2, null);
        Map<String, Score> sAll = evaluate(all, null);
        Map<String, Score> sBlind = evaluate(blind, null);
        Map<String, Score> sSealed = evaluate(sealed, null);
        Map<String, Score> sSealed2 = evaluate(sealed2, null);
        Map<String, Score> sSealed3 = evaluate(sealed3, null);
        StringBuilder md = new StringBuilder("# Comment topics: precision / recall / F1 per topic\n\n");
        md.append("Sealed 3: ").append(sealed3.size()).append(" comments by a fourth writer who read neither the taxonomy")
                .append(" nor any other labelled comment, first run after the seventh taxonomy round. Blind, sealed and")
                .append(" sealed 2 (").append(blind.size()).append(", ").append(sealed.size()).append(", ").append(sealed2.size())
                .append(" comments, three more writers) were first run after rounds 4, 5 and 6; their per-topic precision and")
                .append(" recall, never their comments, guided the rounds after. Tuning set: ").append(tuning.size())
                .append(" comments (dev ").append(dev.size()).append(", held-out ").append(heldout.size()).append(", held-out 2 ")
                .append(heldout2.size()).append("; rounds 1-3 tuned on dev only, rounds 4-7 on all three). Full set = dev +")
                .append(" held-out, as in earlier rounds.\n\n");
        md.append("| topic | sealed 3 P | sealed 3 R | sealed 3 F1 | sealed 2 F1 | sealed F1 | blind F1 | full F1 | held-out F1 | held-out 2 F1 | dev F1 |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String t : sAll.keySet()) {
            Score z = sSealed3.get(t);
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    t, z.precision(), z.recall(), z.f1(), sSealed2.get(t).f1(), sSealed.get(t).f1(), sBlind.get(t).f1(),
                    sAll.get(t).f1(), sHeld.get(t).f1(), sHeld2.get(t).f1(), sDev.get(t).f1()));
        }
        md.append(String.format(Locale.ROOT, "| **macro** | | | **%.3f** | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                macroF1(sSealed3), macroF1(sSealed2), macroF1(sSealed), macroF1(sBlind), macroF1(sAll), macroF1(sHeld),
                macroF1(sHeld2), macroF1(sDev)));
        md.append(String.format(Locale.ROOT, "%nTuning set macro-F1: %.3f.%n", macroF1(sTuning)));
        md.append("\nMisclassified tuning-set comments (want vs got with the matching keyword; those of the blind and sealed sets")
                .append(" are not listed):\n\n");
        errors.forEach(e -> md.append("- ").append(e).append('\n'));
        Path out = Path.of("target", "analytics-topics.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        // measured after round 7 (bench/results/analytics-topics.md): sealed 3 0.803 (its first run), sealed 2 0.798,
        // sealed 0.806, blind 0.826, tuning set 0.914. Sealed 3 holds the issue's 0.8; the others guard regressions
        assertTrue(macroF1(sSealed3) >= 0.80, "macro-F1 on sealed 3: " + macroF1(sSealed3));
        assertTrue(macroF1(sSealed2) >= 0.78, "macro-F1 on sealed 2: " + macroF1(sSealed2));
        assertTrue(macroF1(sSealed) >= 0.79, "macro-F1 on the sealed set: " + macroF1(sSealed));
        assertTrue(macroF1(sBlind) >= 0.81, "macro-F1 on the blind set: " + macroF1(sBlind));
        assertTrue(macroF1(sTuning) >= 0.90, "macro-F1 on the tuning set: " + macroF1(sTuning));
    }
}
