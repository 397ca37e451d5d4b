package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** A downstream service did not answer usefully (down, timed out, 5xx, circuit open). */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public class UpstreamUnavailableException extends GatewayError {

    public UpstreamUnavailableException(String message) {
        super(message, null);
    }

    public UpstreamUnavailableException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "UPSTREAM_UNAVAILABLE";
    }

    public static UpstreamUnavailableException of(String service, Object partialResults) {
        var e = new UpstreamUnavailableException(service + " is unavailable", partialResults);
        e.with("service", service);
        return e;
    }
}
