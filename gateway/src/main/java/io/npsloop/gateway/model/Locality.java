package io.npsloop.gateway.model;

/** GraphQL enum Locality (values as in contracts.md / domain.md). */
public enum Locality {
    LOCAL, NON_LOCAL
}
