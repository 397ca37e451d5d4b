package io.npsloop.gateway.model;

/** GraphQL enum Channel (values as in contracts.md / domain.md). */
public enum Channel {
    LINK, QR_IN_STORE, IMPORT
}
