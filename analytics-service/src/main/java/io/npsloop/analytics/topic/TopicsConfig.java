package io.npsloop.analytics.topic;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Comment topics ({@code npsloop.topics.*}). */
@ConfigMapping(prefix = "npsloop.topics")
public interface TopicsConfig {

    /** Classify comments and keep topic rollups at all. */
    @WithDefault("true")
    boolean enabled();

    /** Where the taxonomy is: a classpath resource or {@code file:/path}. */
    @WithDefault("topics/taxonomy.txt")
    String taxonomy();

    /** Extra cue terms per topic (a new topic name adds a topic); {@code EXCLUDE} adds exclusion idioms. */
    Map<String, List<String>> extraTerms();

    /** How long masked comments are kept for samples (by answer day). */
    @WithDefault("P90D")
    Duration sampleRetention();

    /** Longest stored comment (characters); longer ones are cut. */
    @WithDefault("500")
    int maxCommentLength();

    /** Keywords listed per topic. */
    @WithDefault("5")
    int keywordsPerTopic();

    /** Distinct comment texts whose topics are remembered (LRU); 0 turns the cache off. */
    @WithDefault("10000")
    int cacheSize();

    /** Sample comments returned at most. */
    @WithDefault("50")
    int maxSamples();
}
