package io.npsloop.gateway.client;

import io.npsloop.gateway.model.Driver;
import io.npsloop.gateway.model.InitiativeRank;
import io.npsloop.gateway.model.Topic;
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

    /** {@code GET /api/v1/topics}: responses and NPS of the filter, then one entry per topic. */
    public record Topics(Long responses, Double nps, List<Topic> topics) {
        public Topics {
            topics = topics == null ? List.of() : topics;
        }
    }

    /** {@code GET /api/v1/initiatives}: the ranking, one page (the service does not page it). */
    public record Ranking(List<InitiativeRank> items, String next) {
        public Ranking {
            items = items == null ? List.of() : items;
        }
    }
}
