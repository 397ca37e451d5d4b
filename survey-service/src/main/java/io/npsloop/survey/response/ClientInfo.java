package io.npsloop.survey.response;

/** Where an answer came from: the client address (raw, never stored) and user agent; channel LINK or QR_IN_STORE. */
public record ClientInfo(String address, String userAgent, String channel) {
}
