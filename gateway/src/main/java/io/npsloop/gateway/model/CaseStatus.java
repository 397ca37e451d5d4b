package io.npsloop.gateway.model;

/** GraphQL enum CaseStatus (values as in contracts.md / domain.md). */
public enum CaseStatus {
    OPEN, RECOVERED, ABANDONED
}
