package io.npsloop.gateway.model;

/** GraphQL enum PaymentType (values as in contracts.md / domain.md). */
public enum PaymentType {
    SELF_PAY, WARRANTY, INSURANCE
}
