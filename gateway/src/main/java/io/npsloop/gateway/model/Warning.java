package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
/** An early warning: a segment whose NPS fell significantly, or detractor growth. */
@RegisterForReflection
public record Warning(String kind, String dimension, String segment, String message, Double value, Double previous, Double delta,
        Double z) {
}
