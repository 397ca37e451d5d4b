package io.npsloop.gateway.model;

/** GraphQL enum Dimension (values as in contracts.md / domain.md). */
public enum Dimension {
    STORE, REGION, SERVICE_TYPE, PAYMENT_TYPE, VISIT_KIND, TENURE, LOCALITY, SPEND_BAND, AGE_BAND, GENDER, OCCUPATION, CHANNEL
}
