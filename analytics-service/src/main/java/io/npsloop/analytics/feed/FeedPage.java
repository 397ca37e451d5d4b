package io.npsloop.analytics.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A page of a feed: {@code {"events": [...], "next": 17}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record FeedPage(List<FeedEvent> events, long next) {
}
