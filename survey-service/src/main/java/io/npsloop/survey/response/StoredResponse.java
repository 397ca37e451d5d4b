package io.npsloop.survey.response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A response as just stored, for {@link ResponseListener}s. {@code invitationId} is null for imports;
 * {@code customerId} is the order system's customer id; {@code ratings} holds only the given keys.
 */
public record StoredResponse(UUID responseId, UUID invitationId, String orderId, String storeId, String customerId,
                             String customerKey, int score, Instant answeredAt, List<String> reasons,
                             Map<String, Integer> ratings, String comment, boolean resurvey, String channel) {
}
