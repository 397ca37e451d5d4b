package io.npsloop.gateway.model;

/** The seed's budget split: basics first, emotional connection, environment; incentives risk bought scores. */
public enum InitiativeCategory {
    BASIC_SERVICE, EMOTIONAL_CONNECTION, ENVIRONMENT, INCENTIVE
}
