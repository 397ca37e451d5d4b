package io.npsloop.gateway.model;

/** GraphQL enum RewardStatus (values as in contracts.md / domain.md). */
public enum RewardStatus {
    PENDING, APPROVED, ISSUED, REJECTED
}
