package io.npsloop.gateway.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.NonNull;
/** A promoter's referral code with its share link, QR code and poster (referral-service). */
@RegisterForReflection
public record Promoter(@NonNull String code, String displayName, @NonNull String storeId, @NonNull String shareUrl, @NonNull String qrSvgUrl,
        @NonNull String qrPngUrl, @NonNull String posterUrl) {
}
