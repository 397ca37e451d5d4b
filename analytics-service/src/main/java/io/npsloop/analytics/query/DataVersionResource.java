package io.npsloop.analytics.query;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;

/**
 * {@code GET /api/v1/data-version}: a server-sent event stream of this replica's {@link DataVersion}, for the
 * gateway's response cache. Every event is the version as of then: one at once, one after every change, and one every
 * {@code npsloop.query.version-stream.heartbeat} so a silent connection is known dead. {@code "-"} means the version
 * is not known right now (the listening connection is down): nothing may be trusted unchanged until a version
 * follows. Consecutive equal events mean nothing changed. Service callers only.
 */
@Path("/api/v1/data-version")
@RolesAllowed("SERVICE")
public class DataVersionResource {

    private final DataVersion dataVersion;
    private final Duration heartbeat;

    DataVersionResource(DataVersion dataVersion, AnalyticsConfig config) {
        this.dataVersion = dataVersion;
        this.heartbeat = config.query().versionStream().heartbeat();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        return Multi.createBy().merging().streams(
                        Multi.createFrom().item(Boolean.TRUE),
                        // a slow client skips ticks, never the last one: each event reads the version when sent
                        dataVersion.changes().onOverflow().dropPreviousItems(),
                        Multi.createFrom().ticks().every(heartbeat).onOverflow().drop().map(t -> Boolean.TRUE))
                .map(tick -> dataVersion.announced());
    }
}
