package io.npsloop.analytics.topic;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** JSON of the topic endpoints (documented in analytics-service/README.md). */
public final class TopicDtos {

    private TopicDtos() {
    }

    /**
     * One topic over the filtered responses. npsWith: NPS of the responses whose comment mentions the topic;
     * npsWithout: NPS of all other responses in the same filter (no comment, or a comment not about it);
     * impact = npsWith − npsWithout (issue 12); weightedImpact = overall NPS − npsWithout (the points the topic moves the
     * filtered NPS, = share of mentions × impact; negative = a pain point; the list's order);
     * z: of npsWith − npsWithout. Figures are null when {@code suppressed}.
     */
    @RegisterForReflection
    public record TopicStat(String topic, Long mentions, Long promoters, Long passives, Long detractors,
                            Double npsWith, Double npsWithout, Double impact, Double weightedImpact, Double z, Boolean significant,
                            List<String> keywords, boolean suppressed) {
    }

    @RegisterForReflection
    public record Topics(Long responses, Double nps, List<TopicStat> topics) {
    }

    @RegisterForReflection
    public record Sample(String responseId, String day, String storeId, int score, List<String> topics, String comment) {
    }

    /** Sample comments; {@code withheld} (with a reason) when the group is below k-min. */
    @RegisterForReflection
    public record Samples(String topic, long mentions, boolean withheld, String reason, List<Sample> items, String next) {
    }
}
