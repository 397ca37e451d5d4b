package io.npsloop.gateway.model;

/** GraphQL enum Tenure (values as in contracts.md / domain.md). */
public enum Tenure {
    NEW, MID, OLD
}
