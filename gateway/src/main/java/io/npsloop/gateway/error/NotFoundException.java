package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** The object of a mutation does not exist (reads answer null instead). */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends GatewayError {

    public NotFoundException(String message) {
        super(message, null);
    }

    public NotFoundException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
