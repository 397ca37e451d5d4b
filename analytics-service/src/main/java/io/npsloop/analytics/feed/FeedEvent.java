package io.npsloop.analytics.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One event of a producer's feed (survey-service, referral-service): a tolerant reader of the envelope. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record FeedEvent(long seq, String id, String type, String occurredAt, JsonNode data) {
}
