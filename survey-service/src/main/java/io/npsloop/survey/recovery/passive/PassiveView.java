package io.npsloop.survey.recovery.passive;

import io.npsloop.survey.recovery.CaseView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A passive worklist item; {@code customer} only for those who may see contact data (audited). */
@RegisterForReflection
public record PassiveView(UUID id, String storeId, UUID responseId, int score, String type, String action,
                          String actionDescription, List<String> reasons, String status, OffsetDateTime createdAt,
                          OffsetDateTime doneAt, CaseView.Customer customer) {

    /** The gateway's name for the recommended action's description. */
    public String suggestion() {
        return actionDescription;
    }
}
