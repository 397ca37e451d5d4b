package io.npsloop.gateway.model;

/** GraphQL enum CaseOutcome (values as in contracts.md / domain.md). */
public enum CaseOutcome {
    RECOVERED, ABANDONED
}
