package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** The action does not fit the object's current state (e.g. an SOP step out of order). */
@ErrorCode("CONFLICT")
public class ConflictException extends GatewayError {

    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
