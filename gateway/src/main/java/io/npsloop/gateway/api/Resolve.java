package io.npsloop.gateway.api;

import io.npsloop.gateway.client.Downstream;
import io.npsloop.gateway.error.GatewayError;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/** Runs a resolver body so that every failure becomes a GraphQL error with a code, and a partial result where given. */
final class Resolve {

    private Resolve() {
    }

    /**
     * @param service the service the body calls (named in UPSTREAM_UNAVAILABLE)
     * @param partial what the field resolves to when it fails: null for nullable fields, an empty list or connection
     *                for the contract's non-null ones, so one failed service never nulls the whole response
     */
    static <T> Uni<T> run(String service, T partial, Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().deferred(body).onFailure().transform(t -> {
            Throwable out = Downstream.translate(service, t, partial);
            if (out instanceof GatewayError g && g.getPartialResults() == null && partial != null) {
                g.setPartialResults(partial);
            }
            return out;
        });
    }
}
