package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Driver;
import io.npsloop.gateway.model.Segment;
import io.npsloop.gateway.model.TrendPoint;

import java.util.List;

/** Envelopes of analytics-service answers. */
public final class AnalyticsJson {

    private AnalyticsJson() {
    }

    public record Segments(String dimension, List<Segment> segments) {
        public Segments {
            segments = segments == null ? List.of() : segments;
        }
    }

    public record Trend(String granularity, List<TrendPoint> points) {
        public Trend {
            points = points == null ? List.of() : points;
        }
    }

    public record Drivers(List<Driver> drivers) {
        public Drivers {
            drivers = drivers == null ? List.of() : drivers;
        }
    }
}
