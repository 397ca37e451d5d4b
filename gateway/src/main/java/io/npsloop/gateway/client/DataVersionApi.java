package io.npsloop.gateway.client;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * analytics-service's stream of data versions (server-sent events). Its own client ({@code analytics-versions},
 * by default at analytics' URL) because the stream stays open far longer than any read timeout of the API calls.
 */
@RegisterRestClient(configKey = "analytics-versions")
@Path("/api/v1/data-version")
public interface DataVersionApi {

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> versions(@HeaderParam("Authorization") String auth);
}
