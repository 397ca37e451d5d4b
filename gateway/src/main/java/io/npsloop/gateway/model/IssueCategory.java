package io.npsloop.gateway.model;

/** GraphQL enum IssueCategory (values as in contracts.md / domain.md). */
public enum IssueCategory {
    TECHNICAL, ATTITUDE
}
