package io.npsloop.survey.response;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * SPI: every CDI bean implementing this is called inside the transaction that stores a response (JSON, page form
 * or import), after the response row and its ResponseSubmitted event are written. A failure rolls the whole
 * submission back. To write in the same transaction use {@code Tx.current()} (or
 * {@code EventOutbox.append(type, data)}). Zero implementations is fine.
 */
public interface ResponseListener {

    Uni<Void> onResponseStored(StoredResponse response);

    /**
     * The responses of one import batch, all stored in the current transaction, in file order. The default calls
     * {@link #onResponseStored} for each, one after the other; a listener that writes per response should override
     * it with set-based statements (one round trip per batch instead of one per row).
     */
    default Uni<Void> onResponsesStored(List<StoredResponse> responses) {
        return Multi.createFrom().iterable(responses)
                .onItem().transformToUniAndConcatenate(this::onResponseStored)
                .collect().last().replaceWithVoid();
    }
}
