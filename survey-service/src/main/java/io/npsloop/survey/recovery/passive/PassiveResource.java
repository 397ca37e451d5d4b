package io.npsloop.survey.recovery.passive;

import io.npsloop.survey.common.Params;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.recovery.CaseView;
import io.npsloop.survey.recovery.RecoveryConfig;
import io.npsloop.survey.recovery.Who;
import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/passives}: the passive activation worklist (same visibility as cases; see Who). */
@Path("/api/v1/passives")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
        Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST})
public class PassiveResource {

    private static final Set<String> TYPES = Set.of("RATIONAL", "ECONOMIC", "EMOTIONAL", "LAZY");

    private final PassiveService passives;
    private final Caller caller;
    private final RecoveryConfig config;

    PassiveResource(PassiveService passives, Caller caller, RecoveryConfig config) {
        this.passives = passives;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public Uni<CaseView.Page<PassiveView>> list(@QueryParam("storeId") String storeId, @QueryParam("type") String type,
                                                @QueryParam("status") String status, @QueryParam("limit") String limit,
                                                @QueryParam("after") String after) {
        Who who = Who.of(caller);
        who.requireList();
        if (type != null && !TYPES.contains(type)) {
            throw ProblemException.invalid("type", "must be one of RATIONAL, ECONOMIC, EMOTIONAL, LAZY");
        }
        if (status != null && !status.equals("OPEN") && !status.equals("DONE")) {
            throw ProblemException.invalid("status", "must be OPEN or DONE");
        }
        int lim = (int) Params.integer("limit", limit, config.paging().defaultLimit(), 1, config.paging().maxLimit());
        Long aft = after == null ? null : Params.integer("after", after, 0, 1, Long.MAX_VALUE);
        return passives.list(who, new PassiveService.Filter(storeId == null || storeId.isBlank() ? null : storeId.strip(),
                type, status, lim, aft));
    }

    @POST
    @Path("/{id}/done")
    public Uni<PassiveView> done(@PathParam("id") String id) {
        Who who = Who.of(caller);
        who.requireList();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No passive task " + id + ".");
        }
        return passives.done(who, uuid);
    }
}
