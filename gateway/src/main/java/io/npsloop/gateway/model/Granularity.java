package io.npsloop.gateway.model;

/** GraphQL enum Granularity (values as in contracts.md / domain.md). */
public enum Granularity {
    DAY, WEEK, MONTH
}
