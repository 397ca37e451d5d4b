package io.npsloop.survey.order;

import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** Completed service orders from the chain's order system. */
@Path("/api/v1/orders")
public class OrderResource {

    private final OrderService orders;

    OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INTEGRATION, Roles.HQ_ANALYST})
    public Uni<Response> complete(OrderInput order) {
        // Checked by OrderValidation, not by a bean-validation interceptor: the same rules (the annotations on
        // OrderInput document them in the OpenAPI schema) at a fraction of the cost on the busiest write endpoint.
        OrderValidation.check(order);
        return orders.intake(order).map(i -> {
            Response.ResponseBuilder b = Response.status(i.status()).entity(i.body());
            if (i.invitationId() != null) {
                b.location(URI.create("/api/v1/invitations/" + i.invitationId()));
            }
            return b.build();
        });
    }
}
