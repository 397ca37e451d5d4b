package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/**
 * What the comments say about one topic (analytics-service {@code GET /api/v1/topics}), deserialised straight into
 * this GraphQL type. {@code impact} = npsWith − npsWithout (issue 12) with its {@code z}; {@code weightedImpact}: the
 * points the topic moves the filtered NPS (negative = a pain point, 痛点; the list's order). When {@code suppressed}
 * (group below k-min for the caller) figures are null.
 */
@RegisterForReflection
public record Topic(@NonNull String topic, Integer mentions, Integer promoters, Integer passives, Integer detractors,
        Double npsWith, Double npsWithout,
        @Description("npsWith − npsWithout") Double impact,
        @Description("Points the topic moves the filtered NPS: overall NPS − npsWithout") Double weightedImpact,
        Double z, Boolean significant,
        @Description("Most frequent cue words of the topic") @NonNull List<@NonNull String> keywords, boolean suppressed) {

    public Topic {
        keywords = keywords == null ? List.of() : keywords;
    }
}
