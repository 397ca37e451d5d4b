package io.npsloop.referral.code;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** Event payloads of this module (README.md, "Event feed"). */
public final class Events {

    private Events() {
    }

    @RegisterForReflection
    public record ReferralCodeIssued(String code, String storeId, String customerKey, String displayName,
                                     String source, String responseId, OffsetDateTime issuedAt) {
    }

    @RegisterForReflection
    public record ReferralCodeRevoked(String code, String storeId, String reason, OffsetDateTime revokedAt) {
    }
}
