package io.npsloop.gateway.model;

/** GraphQL enum ServiceType (values as in contracts.md / domain.md). */
public enum ServiceType {
    RESCUE, MAINTENANCE, REPAIR, TYRE, OTHER
}
