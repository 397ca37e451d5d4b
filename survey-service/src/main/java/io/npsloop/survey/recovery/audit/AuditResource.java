package io.npsloop.survey.recovery.audit;

import io.npsloop.survey.common.Params;
import io.npsloop.survey.common.Sql;
import io.npsloop.survey.common.Tx;
import io.npsloop.survey.config.NpsloopConfig;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.recovery.CaseView;
import io.npsloop.survey.recovery.RecoveryConfig;
import io.npsloop.survey.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/audit/disclosures} (HQ_ANALYST): who saw which customer's contact data, when. */
@Path("/api/v1/audit/disclosures")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final Tx tx;
    private final RecoveryConfig config;
    private final NpsloopConfig npsloop;

    AuditResource(Tx tx, RecoveryConfig config, NpsloopConfig npsloop) {
        this.tx = tx;
        this.config = config;
        this.npsloop = npsloop;
    }

    @RegisterForReflection
    public record Disclosure(long id, String actor, List<String> actorRoles, String subjectKind, UUID subjectId,
                             String storeId, String via, OffsetDateTime disclosedAt) {
    }

    @GET
    @RolesAllowed(Roles.HQ_ANALYST)
    public Uni<CaseView.Page<Disclosure>> list(@QueryParam("caseId") String caseId, @QueryParam("actor") String actor,
                                               @QueryParam("storeId") String storeId,
                                               @QueryParam("limit") String limitText, @QueryParam("after") String after) {
        int limit = (int) Params.integer("limit", limitText, config.paging().defaultLimit(), 1, config.paging().maxLimit());
        long afterId = Params.integer("after", after, 0, 0, Long.MAX_VALUE);
        UUID subject = null;
        if (caseId != null) {
            try {
                subject = UUID.fromString(caseId);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("caseId", "must be a UUID");
            }
        }
        return tx.pool().preparedQuery("SELECT id, actor, actor_roles, subject_kind, subject_id, store_id, via, disclosed_at "
                        + "FROM contact_disclosure WHERE id > $1 AND ($2::uuid IS NULL OR subject_id = $2) "
                        + "AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR store_id = $4) ORDER BY id LIMIT $5")
                .execute(Sql.t(afterId, subject, actor, storeId, limit + 1))
                .map(rows -> {
                    List<Disclosure> items = new ArrayList<>();
                    rows.forEach(r -> items.add(new Disclosure(r.getLong("id"), r.getString("actor"),
                            Arrays.asList(r.getArrayOfStrings("actor_roles")), r.getString("subject_kind"),
                            r.getUUID("subject_id"), r.getString("store_id"), r.getString("via"),
                            r.getOffsetDateTime("disclosed_at").atZoneSameInstant(npsloop.zone()).toOffsetDateTime())));
                    String next = null;
                    if (items.size() > limit) {
                        items.remove(items.size() - 1);
                        next = String.valueOf(items.get(items.size() - 1).id());
                    }
                    return new CaseView.Page<>(items, next);
                });
    }
}
