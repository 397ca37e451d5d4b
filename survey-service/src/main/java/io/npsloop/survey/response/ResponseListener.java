package io.npsloop.survey.response;

import io.smallrye.mutiny.Uni;

/**
 * SPI: every CDI bean implementing this is called inside the transaction that stores a response (JSON, page form
 * or import), after the response row and its ResponseSubmitted event are written. A failure rolls the whole
 * submission back. To write in the same transaction use {@code Tx.current()} (or
 * {@code EventOutbox.append(type, data)}). Zero implementations is fine.
 */
public interface ResponseListener {

    Uni<Void> onResponseStored(StoredResponse response);
}
