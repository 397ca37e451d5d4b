package io.npsloop.gateway.error;

/** Carries a (checked) {@link GatewayError} through lambdas; unwrapped by the resolvers before GraphQL sees it. */
public final class GatewayFailure extends RuntimeException {

    private final GatewayError error;

    GatewayFailure(GatewayError error) {
        super(error.getMessage(), error, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
