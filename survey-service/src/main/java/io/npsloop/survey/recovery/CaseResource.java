package io.npsloop.survey.recovery;

import io.npsloop.survey.common.Params;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/** {@code /api/v1/cases}: the recovery worklist and the SOP's actions (rules in {@link Who}). */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
        Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST})
public class CaseResource {

    static final Set<String> STATUSES = Set.of("OPEN", "RECOVERED", "ABANDONED");

    private final CaseService cases;
    private final Caller caller;
    private final RecoveryConfig config;

    CaseResource(CaseService cases, Caller caller, RecoveryConfig config) {
        this.cases = cases;
        this.caller = caller;
        this.config = config;
    }

    @GET
    public Uni<CaseView.Page<CaseView>> list(@QueryParam("storeId") String storeId, @QueryParam("status") String status,
                                             @QueryParam("stage") String stage, @QueryParam("overdue") String overdue,
                                             @QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("limit") String limit, @QueryParam("after") String after) {
        Who who = Who.of(caller);
        who.requireList();
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of OPEN, RECOVERED, ABANDONED");
        }
        if (stage != null && !Ladder.STAGES.contains(stage)) {
            throw ProblemException.invalid("stage", "must be one of " + String.join(", ", Ladder.STAGES));
        }
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            throw ProblemException.invalid("overdue", "must be true or false");
        }
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && t.isBefore(f)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        int lim = (int) Params.integer("limit", limit, config.paging().defaultLimit(), 1, config.paging().maxLimit());
        Long aft = after == null ? null : Params.integer("after", after, 0, 1, Long.MAX_VALUE);
        return cases.list(who, new CaseService.Filter(blank(storeId), status, stage,
                overdue == null ? null : Boolean.valueOf(overdue), f, t, lim, aft));
    }

    @GET
    @Path("/{id}")
    public Uni<CaseView> get(@PathParam("id") String id) {
        return cases.get(Who.of(caller), uuid(id), "GET /api/v1/cases/{id}");
    }

    @POST
    @Path("/{id}/first-contact")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CaseView> firstContact(@PathParam("id") String id,
                                      @Valid @NotNull(message = "is required") CaseInputs.FirstContact in) {
        return cases.firstContact(Who.of(caller), uuid(id), in);
    }

    @POST
    @Path("/{id}/classification")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CaseView> classification(@PathParam("id") String id,
                                        @Valid @NotNull(message = "is required") CaseInputs.Classification in) {
        return cases.classify(Who.of(caller), uuid(id), in);
    }

    @POST
    @Path("/{id}/remedy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CaseView> remedy(@PathParam("id") String id, @Valid @NotNull(message = "is required") CaseInputs.Remedy in) {
        return cases.remedy(Who.of(caller), uuid(id), in);
    }

    @POST
    @Path("/{id}/gm-follow-up")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CaseView> gmFollowUp(@PathParam("id") String id,
                                    @Valid @NotNull(message = "is required") CaseInputs.GmFollowUp in) {
        return cases.gmFollowUp(Who.of(caller), uuid(id), in);
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CaseView> close(@PathParam("id") String id, @Valid @NotNull(message = "is required") CaseInputs.Close in) {
        return cases.close(Who.of(caller), uuid(id), in);
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No case " + id + ".");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date YYYY-MM-DD");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
