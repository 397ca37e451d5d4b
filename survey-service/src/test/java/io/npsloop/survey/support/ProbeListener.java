package io.npsloop.survey.support;

import io.npsloop.survey.feed.EventOutbox;
import io.npsloop.survey.response.ResponseListener;
import io.npsloop.survey.response.StoredResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * A ResponseListener for the SPI tests: on the comment "LISTENER-PROBE" it appends an event through the
 * request's transaction; on "LISTENER-FAIL" it fails (the whole submission must roll back). Otherwise it does nothing.
 */
@ApplicationScoped
public class ProbeListener implements ResponseListener {

    private final EventOutbox outbox;

    ProbeListener(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> onResponseStored(StoredResponse r) {
        if ("LISTENER-PROBE".equals(r.comment())) {
            return outbox.append("ProbeSeen", Map.of("responseId", r.responseId().toString(), "storeId", r.storeId(),
                    "score", r.score()));
        }
        if ("LISTENER-FAIL".equals(r.comment())) {
            return Uni.createFrom().failure(new IllegalStateException("probe listener failure"));
        }
        return Uni.createFrom().voidItem();
    }
}
