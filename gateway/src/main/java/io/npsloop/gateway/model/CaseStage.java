package io.npsloop.gateway.model;

/** GraphQL enum CaseStage (values as in contracts.md / domain.md). */
public enum CaseStage {
    FIRST_CONTACT, ANALYSIS, REMEDY, GM_FOLLOW_UP, DONE
}
