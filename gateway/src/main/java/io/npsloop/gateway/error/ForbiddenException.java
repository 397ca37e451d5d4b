package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's role or store scope does not allow this. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends GatewayError {

    public ForbiddenException(String message) {
        super(message, null);
    }

    public ForbiddenException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "FORBIDDEN";
    }
}
