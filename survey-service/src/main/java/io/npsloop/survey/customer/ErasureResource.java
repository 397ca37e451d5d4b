package io.npsloop.survey.customer;

import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** {@code DELETE /api/v1/customers/{customerId}} (HQ_ANALYST): erase a customer's name and phone; 204, idempotent. */
@Path("/api/v1/customers")
public class ErasureResource {

    private final ErasureService erasure;
    private final Caller caller;

    ErasureResource(ErasureService erasure, Caller caller) {
        this.erasure = erasure;
        this.caller = caller;
    }

    @DELETE
    @Path("/{customerId}")
    @RolesAllowed(Roles.HQ_ANALYST)
    public Uni<Response> erase(@PathParam("customerId") String customerId) {
        return erasure.erase(customerId, caller.sub()).map(x -> Response.noContent().build());
    }
}
