package io.npsloop.gateway.model;

/** GraphQL enum VisitKind (values as in contracts.md / domain.md). */
public enum VisitKind {
    FIRST_SERVICE, ROUTINE, REPEAT_REPAIR
}
