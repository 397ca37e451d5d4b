package io.npsloop.analytics.topic;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns a comment every topic of the {@link Taxonomy} it talks about. The text is NFKC-normalised and lower-cased,
 * exclusion idioms are blanked, then HanLP segments it (Chinese words; runs of Latin letters come out as English
 * words). A cue term matches when it equals one token or the concatenation of up to {@value #MAX_SPAN} consecutive
 * tokens, so a cue never matches inside another word ("等" is not found in "等等"-free "平等"), and a multi-token
 * phrase still matches however HanLP cut it. English words also match without a plural "s".
 * <p>
 * Negation changes the sentiment, not the topic: "不贵", "没等多久" are still about PRICE and WAIT_TIME. The reported
 * keyword keeps the negator ("不+贵") so that praise and complaint stay apart in the keyword lists. Idioms where a
 * negated cue is about nothing ("没问题") are listed as exclusions in the taxonomy.
 */
public final class TopicClassifier {

    static final int MAX_SPAN = 5;
    private static final String PARTICLES = "了过着的得地啦吗呢吧";
    private static final Set<String> NEGATORS = Set.of("不", "没", "没有", "无", "未", "别", "不是", "并不", "不太",
            "not", "no", "never", "didn't", "wasn't", "isn't", "don't");

    /** Topics of one comment, with the keyword (surface cue, negator kept) that matched first for each. */
    public record Result(Map<String, String> keywords) {
        public Set<String> topics() {
            return keywords.keySet();
        }
    }

    private final Taxonomy taxonomy;
    private final Map<String, List<String>> termTopics = new HashMap<>();
    private final int maxTermLength;
    private final Segment segment;
    /** Every cue with its spaces and punctuation removed: a comment none of them occurs in needs no segmenting. */
    private final AhoCorasickDoubleArrayTrie<Boolean> prefilter = new AhoCorasickDoubleArrayTrie<>();

    public TopicClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        int max = 1;
        for (var e : taxonomy.terms().entrySet()) {
            for (String t : e.getValue()) {
                termTopics.computeIfAbsent(t, k -> new ArrayList<>()).add(e.getKey());
                max = Math.max(max, t.length());
                if (hasCjk(t) && t.length() > 1) {
                    // keep the cue in one token where the text allows it; the span matching covers the rest
                    CustomDictionary.add(t);
                }
            }
        }
        this.maxTermLength = max;
        TreeMap<String, Boolean> squeezed = new TreeMap<>();
        termTopics.keySet().forEach(t -> squeezed.put(squeeze(t), Boolean.TRUE));
        squeezed.remove("");
        prefilter.build(squeezed);
        // Viterbi, not HanLP's faster trie longest-match: that one cost 0.06 macro-F1 on the labelled set for no
        // measurable speed-up once the prefilter skips cue-less comments (bench/results/analytics-topics.md)
        this.segment = HanLP.newSegment()
                .enableNameRecognize(false).enableTranslatedNameRecognize(false).enableJapaneseNameRecognize(false)
                .enablePlaceRecognize(false).enableOrganizationRecognize(false)
                .enableNumberQuantifierRecognize(false).enablePartOfSpeechTagging(false)
                .enableCustomDictionary(true);
    }

    /** Letters and digits only. A matched span is consecutive tokens, so its squeezed form is in the squeezed text. */
    static String squeeze(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public Result classify(String comment) {
        if (comment == null || comment.isBlank()) {
            return new Result(Map.of());
        }
        String text = Taxonomy.normalize(comment);
        for (String ex : taxonomy.exclusions()) {
            if (text.contains(ex)) {
                text = text.replace(ex, "。");
            }
        }
        if (prefilter.parseText(squeeze(text)).isEmpty()) {
            return new Result(Map.of()); // no cue anywhere: skip segmenting (many comments are "挺好的")
        }
        List<String> tokens = tokens(text);
        // every match as [start, end) over tokens; a match inside a longer one is dropped ("waiting" in "waiting room")
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<List<String>> topicsOf = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder span = new StringBuilder();
            for (int j = i; j < Math.min(tokens.size(), i + MAX_SPAN); j++) {
                String tok = tokens.get(j);
                if (j > i && isLatin(tokens.get(j - 1)) && isLatin(tok)) {
                    span.append(' ');
                }
                span.append(tok);
                if (span.length() > maxTermLength + 1) {
                    break;
                }
                String s = span.toString();
                List<String> topics = termTopics.get(s);
                if (topics == null && j == i && isLatin(s) && s.length() > 3 && s.endsWith("s")) {
                    topics = termTopics.get(s.substring(0, s.length() - 1));
                }
                if (topics != null) {
                    spans.add(new int[]{i, j + 1});
                    words.add(negated(tokens, i) ? tokens.get(i - 1) + s : s);
                    topicsOf.add(topics);
                }
            }
        }
        Map<String, String> found = new TreeMap<>();
        for (int m = 0; m < spans.size(); m++) {
            int[] a = spans.get(m);
            boolean inside = false;
            for (int[] b : spans) {
                if (b != a && b[0] <= a[0] && a[1] <= b[1] && (b[1] - b[0]) > (a[1] - a[0])) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                for (String t : topicsOf.get(m)) {
                    found.putIfAbsent(t, words.get(m));
                }
            }
        }
        return new Result(found);
    }

    /** The tokens HanLP gives, without whitespace and punctuation. */
    List<String> tokens(String text) {
        List<Term> terms = segment.seg(text);
        List<String> out = new ArrayList<>(terms.size());
        for (Term t : terms) {
            String w = t.word.strip();
            if (w.isEmpty() || w.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            // "告知了" -> "告知" "了": an aspect or modal particle glued to a word must not hide the word
            if (w.length() > 2 && PARTICLES.indexOf(w.charAt(w.length() - 1)) >= 0 && hasCjk(w)) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean negated(List<String> tokens, int i) {
        return i > 0 && NEGATORS.contains(tokens.get(i - 1));
    }

    private static boolean isLatin(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c < 128);
    }

    private static boolean hasCjk(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
