package io.npsloop.gateway.model;

/** GraphQL enum IssueScope (values as in contracts.md / domain.md). */
public enum IssueScope {
    ONE, MANY
}
