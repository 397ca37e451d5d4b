package io.npsloop.analytics.topic;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Assigns a comment every topic of the {@link Taxonomy} it talks about. The text is NFKC-normalised and lower-cased,
 * exclusion idioms are blanked, then HanLP segments it (Chinese words; runs of Latin letters come out as English
 * words). A cue term matches when it equals one token or the concatenation of up to {@value #MAX_SPAN} consecutive
 * tokens, so a cue never matches inside another word ("等" is not found in "等等"-free "平等"), and a multi-token
 * phrase still matches however HanLP cut it. English words also match inflected (-s, -es, -ed, -ing).
 * <p>
 * Negation changes the sentiment, not the topic: "不贵", "没等多久" are still about PRICE and WAIT_TIME. The reported
 * keyword keeps the negator ("不+贵") so that praise and complaint stay apart in the keyword lists. Idioms where a
 * negated cue is about nothing ("没问题") are listed as exclusions in the taxonomy.
 */
public final class TopicClassifier {

    static final int MAX_SPAN = 5;
    private static final String PARTICLES = "了过着的得地啦吗呢吧";
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "my", "our", "new", "all", "four", "two");
    /**
     * Degree adverbs inside a phrase: "态度很好", "服务非常热情", "价格也合理" find the cues 态度好, 服务热情, 价格合理.
     * Without this every noun-adjective cue needs a copy per adverb (很/挺/非常/特别/太 ...), and the copies the
     * taxonomy happened to list were the ones its tuning comments used.
     */
    private static final Set<String> ADVERBS = Set.of("很", "挺", "非常", "特别", "超", "超级", "真", "蛮", "太", "比较",
            "相当", "十分", "极其", "格外", "也", "都", "还", "真的", "贼", "巨", "老", "忒", "特", "贼拉", "倍儿");
    /** The adverbs above that grade the word after them ("都快" is "almost", not "very fast"). */
    private static final Set<String> NOT_DEGREE = Set.of("也", "都", "还");
    /**
     * One-character degree adverbs HanLP glues to the adjective after them ("很快", "挺好", "好慢"), colloquial and
     * regional ones too ("贼快", "巨慢", "忒贵", "老久", "特好").
     */
    private static final String GLUED_ADVERBS = "很挺太真蛮超好贼巨忒特老";
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
    /** "TOPIC\0term" of the weak cues ({@code ~term} in the taxonomy). */
    private final Set<String> weak = new HashSet<>();
    /** "TOPIC\0term" of the modifier cues ({@code ^term}), a subset of {@link #weak}. */
    private final Set<String> modifier = new HashSet<>();
    /** "TOPIC\0term" of the object cues ({@code @term}) and the service verbs that take them. */
    private final Set<String> object = new HashSet<>();
    /** "TOPIC\0term" of the outcome cues ({@code %term}: a fix verb such as 修好, fixed), a subset of {@link #weak}. */
    private final Set<String> outcome = new HashSet<>();
    private final Set<String> serviceVerbs;
    private final int maxTermLength;
    private final Segment segment;
    /** Every cue with its spaces and punctuation removed: a comment none of them occurs in needs no segmenting. */
    private final AhoCorasickDoubleArrayTrie<Boolean> prefilter = new AhoCorasickDoubleArrayTrie<>();

    public TopicClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        int max = 1;
        for (var e : taxonomy.terms().entrySet()) {
            for (String t : e.getValue()) {
                if (t.startsWith(Taxonomy.WEAK)) {
                    t = t.substring(Taxonomy.WEAK.length()).strip();
                    weak.add(e.getKey() + '\0' + t);
                } else if (t.startsWith(Taxonomy.OBJECT)) {
                    t = t.substring(Taxonomy.OBJECT.length()).strip();
                    object.add(e.getKey() + '\0' + t);
                    // a thing named in a clause about something else is that topic's context: "同样的机油，价格是网上的
                    // 两倍" is about PRICE, "轮毂换完之后方向盘还是抖" about REPAIR_QUALITY; it is PARTS when the clause is
                    // about the thing itself ("电瓶用了半年就没电") or a PARTS cue says so ("刹车片是副厂的")
                    weak.add(e.getKey() + '\0' + t);
                } else if (t.startsWith(Taxonomy.OUTCOME)) {
                    // "fixed" said of the time it took, "修好" beside a duration: the clause is about the wait
                    t = t.substring(Taxonomy.OUTCOME.length()).strip();
                    weak.add(e.getKey() + '\0' + t);
                    outcome.add(e.getKey() + '\0' + t);
                } else if (t.startsWith(Taxonomy.MODIFIER)) {
                    t = t.substring(Taxonomy.MODIFIER.length()).strip();
                    weak.add(e.getKey() + '\0' + t);
                    modifier.add(e.getKey() + '\0' + t);
                }
                if (t.isEmpty()) {
                    continue;
                }
                List<String> topics = termTopics.computeIfAbsent(t, k -> new ArrayList<>());
                if (!topics.contains(e.getKey())) {
                    topics.add(e.getKey());
                }
                max = Math.max(max, t.length());
                if (hasCjk(t) && t.length() > 1) {
                    // keep the cue in one token where the text allows it; the span matching covers the rest
                    CustomDictionary.add(t);
                }
            }
        }
        this.maxTermLength = max;
        this.serviceVerbs = Set.copyOf(taxonomy.serviceVerbs());
        TreeMap<String, Boolean> squeezed = new TreeMap<>();
        for (String t : termTopics.keySet()) {
            squeezed.put(squeeze(t), Boolean.TRUE);
            if (isLatin(t) && t.endsWith("e")) {
                squeezed.put(squeeze(t.substring(0, t.length() - 1)), Boolean.TRUE); // "charging" for "charge"
            }
        }
        for (String t : termTopics.keySet()) {
            String q = squeeze(t);
            if (hasCjk(q) && q.length() >= 3) {
                // a cue may be found with a degree adverb inside ("服务非常好" for 服务好): its first two characters
                // are then still in the text
                squeezed.put(q.substring(0, 2), Boolean.TRUE);
            }
            if (q.startsWith("很") && q.length() >= 2) {
                squeezed.put(q.substring(1), Boolean.TRUE); // "贼快" for 很快: the adverb may be another one
            }
            int very = q.indexOf('很');
            if (very > 0) {
                squeezed.put(q.substring(0, very), Boolean.TRUE); // "人贼好" for 人很好
            }
        }
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
        List<Integer> clauses = new ArrayList<>();
        List<String> tokens = tokens(text, clauses);
        // every match as [start, end) over tokens; a match inside a longer one is dropped ("waiting" in "waiting room")
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> cues = new ArrayList<>();
        List<List<String>> topicsOf = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder span = new StringBuilder();
            StringBuilder bare = new StringBuilder(); // the span without its inner degree adverbs
            // the span with every degree adverb read as 很: cues listed with 很 (~很快, 很贵, 人很好) are found with
            // 贼快, 巨慢, 忒贵, 人贼好, 超快
            StringBuilder canon = new StringBuilder();
            for (int j = i; j < Math.min(tokens.size(), i + MAX_SPAN); j++) {
                String tok = tokens.get(j);
                boolean adverb = j > i && ADVERBS.contains(tok);
                if (ADVERBS.contains(tok) && !NOT_DEGREE.contains(tok)) {
                    canon.append('很');
                } else if (tok.length() == 2 && hasCjk(tok) && GLUED_ADVERBS.indexOf(tok.charAt(0)) >= 0) {
                    canon.append('很').append(tok.charAt(1));
                } else {
                    canon.append(tok);
                }
                if (!adverb) {
                    // HanLP often glues the adverb to a one-character adjective: "很快", "挺好", "很难"+"听"
                    bare.append(j > i && tok.length() > 1 && hasCjk(tok) && GLUED_ADVERBS.indexOf(tok.charAt(0)) >= 0
                            ? tok.substring(1) : tok);
                }
                if (j > i && isLatin(tokens.get(j - 1)) && isLatin(tok)) {
                    span.append(' ');
                }
                // HanLP sometimes glues a particle into a dictionary word after the cue ("告知了" -> "告" "知了"):
                // the cue may end before a token's last character when that character is a particle
                if (tok.length() == 2 && PARTICLES.indexOf(tok.charAt(1)) >= 0 && hasCjk(tok)) {
                    String cut = span + tok.substring(0, 1);
                    List<String> topics = termTopics.get(cut);
                    if (topics != null && !termTopics.containsKey(span + tok)) {
                        spans.add(new int[]{i, j + 1});
                        words.add(negated(tokens, i) ? tokens.get(i - 1) + cut : cut);
                        cues.add(cut);
                        topicsOf.add(topics);
                    }
                }
                span.append(tok);
                if (span.length() > maxTermLength + 1) {
                    break;
                }
                String s = span.toString();
                String cue = s;
                List<String> topics = termTopics.get(s);
                if (topics == null && j == i && isLatin(s)) {
                    cue = inflected(s);
                    topics = cue == null ? null : termTopics.get(cue);
                }
                if (topics == null && !adverb && bare.length() < s.length() && hasCjk(s)) {
                    cue = bare.toString();
                    topics = termTopics.get(cue);
                }
                if (topics == null && !adverb && hasCjk(s) && !canon.toString().equals(s)) {
                    cue = canon.toString();
                    topics = termTopics.get(cue);
                }
                if (topics != null) {
                    spans.add(new int[]{i, j + 1});
                    words.add(negated(tokens, i) ? tokens.get(i - 1) + (isLatin(s) ? " " : "") + s : s);
                    cues.add(cue);
                    topicsOf.add(topics);
                }
            }
        }
        // strong cues first; a weak cue ("很快", "质量") counts only in a clause without another topic's strong cue:
        // there it describes that topic's noun ("回复很快" is about COMMUNICATION, "副厂件质量差" about PARTS)
        Map<String, String> found = new TreeMap<>();
        Map<Integer, Set<String>> strongIn = new HashMap<>();
        List<int[]> weakMatches = new ArrayList<>();
        for (int m = 0; m < spans.size(); m++) {
            int[] a = spans.get(m);
            boolean inside = false;
            for (int[] b : spans) {
                if (b != a && b[0] <= a[0] && a[1] <= b[1] && (b[1] - b[0]) > (a[1] - a[0])) {
                    inside = true;
                    break;
                }
            }
            if (inside) {
                continue;
            }
            for (int ti = 0; ti < topicsOf.get(m).size(); ti++) {
                String t = topicsOf.get(m).get(ti);
                if (object.contains(t + '\0' + cues.get(m)) && serviceObject(tokens, a[0], a[1])) {
                    continue; // "换个刹车片要三百多" is about the job's price, "tyre change" about the job
                }
                if (weak.contains(t + '\0' + cues.get(m))) {
                    weakMatches.add(new int[]{m, ti});
                } else {
                    found.putIfAbsent(t, words.get(m));
                    strongIn.computeIfAbsent(clauses.get(a[0]), c -> new HashSet<>()).add(t);
                }
            }
        }
        // the topics of the plain weak cues (no modifier, no thing) per clause: "轮胎换得很快" is about the speed of
        // the job, "电瓶花了三百" about its cost; the thing is the job's name there, as after a service verb
        Map<Integer, Set<String>> describedIn = new HashMap<>();
        // and of the things named: a modifier beside a thing describes the thing ("轮胎质量差" is about PARTS)
        Map<Integer, Set<String>> thingIn = new HashMap<>();
        for (int[] w : weakMatches) {
            String key = topicsOf.get(w[0]).get(w[1]) + '\0' + cues.get(w[0]);
            if (!modifier.contains(key) && !outcome.contains(key)) {
                (object.contains(key) ? thingIn : describedIn)
                        .computeIfAbsent(clauses.get(spans.get(w[0])[0]), c -> new HashSet<>())
                        .add(topicsOf.get(w[0]).get(w[1]));
            }
        }
        for (int[] w : weakMatches) {
            String t = topicsOf.get(w[0]).get(w[1]);
            int clause = clauses.get(spans.get(w[0])[0]);
            if ((object.contains(t + '\0' + cues.get(w[0])) || outcome.contains(t + '\0' + cues.get(w[0])))
                    && describedIn.getOrDefault(clause, Set.of()).stream().anyMatch(d -> !d.equals(t))) {
                continue;
            }
            if (modifier.contains(t + '\0' + cues.get(w[0]))
                    && thingIn.getOrDefault(clause, Set.of()).stream().anyMatch(d -> !d.equals(t))) {
                continue;
            }
            Set<String> strong = strongIn.getOrDefault(clause, Set.of());
            if (strong.isEmpty() && clause > 0 && modifier.contains(t + '\0' + cues.get(w[0]))) {
                // a clause with a bare modifier continues the one before: "雨刮换的是博世的，质量不错" is about PARTS
                strong = strongIn.getOrDefault(clause - 1, Set.of());
            }
            if (strong.isEmpty() || strong.contains(t)) {
                found.putIfAbsent(t, words.get(w[0]));
            }
        }
        return new Result(found);
    }

    /** The tokens HanLP gives, without whitespace and punctuation. */
    List<String> tokens(String text) {
        return tokens(text, new ArrayList<>());
    }

    /** As {@link #tokens(String)}; {@code clauses} receives each token's clause number (punctuation starts one). */
    List<String> tokens(String text, List<Integer> clauses) {
        List<Term> terms = segment.seg(text);
        List<String> out = new ArrayList<>(terms.size());
        int clause = 0;
        for (Term t : terms) {
            String w = t.word.strip();
            if (w.isEmpty()) {
                continue;
            }
            if (!hasLetterOrDigit(w)) {
                clause++;
                continue;
            }
            // "告知了" -> "告知" "了": an aspect or modal particle glued to a word must not hide the word
            if (w.length() > 2 && PARTICLES.indexOf(w.charAt(w.length() - 1)) >= 0 && hasCjk(w)) {
                out.add(w.substring(0, w.length() - 1));
                out.add(w.substring(w.length() - 1));
                clauses.add(clause);
            } else {
                out.add(w);
            }
            clauses.add(clause);
        }
        return out;
    }

    /**
     * The taxonomy's English cue an inflected word stands for: "waited", "charging", "fees", "priced" find "wait",
     * "charge", "fee", "price" (-s, -es, -ed, -d, -ing, -ing/-ed for a dropped e, -ies/-ied for -y); null when none.
     */
    private String inflected(String w) {
        if (w.length() <= 3) {
            return null;
        }
        if ((w.endsWith("ies") || w.endsWith("ied")) && termTopics.containsKey(w.substring(0, w.length() - 3) + "y")) {
            return w.substring(0, w.length() - 3) + "y"; // "batteries", "replied"
        }
        for (String suffix : new String[]{"s", "es", "ed", "d", "ing"}) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                String stem = w.substring(0, w.length() - suffix.length());
                if (termTopics.containsKey(stem)) {
                    return stem;
                }
                if ((suffix.equals("ing") || suffix.equals("ed")) && termTopics.containsKey(stem + "e")) {
                    return stem + "e";
                }
            }
        }
        return null;
    }

    /**
     * Whether the object cue over tokens [from, to) is what a service acts on: right after a service verb ("换个",
     * "更换", "change the"), or followed by one ("tyre change", "oil replacement", "机油换了", "轮胎换得很快").
     */
    private boolean serviceObject(List<String> tokens, int from, int to) {
        int before = from - 1;
        if (before >= 0 && isLatin(tokens.get(before)) && DETERMINERS.contains(tokens.get(before))) {
            before--;
        }
        // "换四条轮胎", "换了两个轮胎", "加一瓶机油": a count between the verb and the thing still names the job
        for (int k = 0; k < 3 && before > 0 && isCount(tokens.get(before)); k++) {
            before--;
        }
        if (before >= 0 && serviceVerbs.contains(tokens.get(before))) {
            return true;
        }
        if (from >= 2 && hasCjk(tokens.get(from - 1)) && serviceVerbs.contains(tokens.get(from - 2) + tokens.get(from - 1))) {
            return true; // "换" "个" cut apart
        }
        // the verb after the thing: "tyre change", "机油换了", "刹车片更换" name the job as well
        return to < tokens.size() && (serviceVerbs.contains(tokens.get(to))
                || hasCjk(tokens.get(to)) && to + 1 < tokens.size() && serviceVerbs.contains(tokens.get(to) + tokens.get(to + 1)));
    }

    private static final String COUNT_CHARS = "0123456789一二两三四五六七八九十几半百个条只瓶桶套副对块根支片升桶罐次了";

    private static boolean isCount(String token) {
        return token.chars().allMatch(ch -> COUNT_CHARS.indexOf(ch) >= 0);
    }

    private static boolean negated(List<String> tokens, int i) {
        return i > 0 && NEGATORS.contains(tokens.get(i - 1));
    }

    // isLatin, hasCjk, hasLetterOrDigit run for every span tried: plain loops, not streams (streams were ~3 % of the
    // service's CPU catching up with comments)
    private static boolean isLatin(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    private static boolean hasLetterOrDigit(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isLetterOrDigit(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }
}
