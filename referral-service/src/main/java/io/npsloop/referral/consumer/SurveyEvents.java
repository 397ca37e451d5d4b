package io.npsloop.referral.consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** survey-service's feed page (its README's contract); tolerant of fields added later. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveyEvents(List<Event> events, long next) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(long seq, String id, String type, String occurredAt, JsonNode data) {
    }
}
