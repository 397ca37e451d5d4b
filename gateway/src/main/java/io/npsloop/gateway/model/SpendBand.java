package io.npsloop.gateway.model;

/** GraphQL enum SpendBand (values as in contracts.md / domain.md). */
public enum SpendBand {
    LOW, MID, HIGH
}
