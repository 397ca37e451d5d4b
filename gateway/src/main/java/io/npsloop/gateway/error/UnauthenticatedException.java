package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** No valid token (or a downstream service rejected the forwarded one). */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends GatewayError {

    public UnauthenticatedException(String message) {
        super(message, null);
    }

    public UnauthenticatedException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "UNAUTHENTICATED";
    }
}
