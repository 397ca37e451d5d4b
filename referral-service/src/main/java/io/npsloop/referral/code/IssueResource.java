package io.npsloop.referral.code;

import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.referral.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.List;

/** Issue-or-get for survey-service's thank-you page (role SERVICE), and manual revocation. */
@Path("/api/v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IssueResource {

    public record IssueRequest(
            @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex characters") String customerKey,
            @NotBlank @Size(max = 64) String storeId,
            @Size(max = 32) String displayName) {
    }

    public record RevokeResult(String code, String status) {
    }

    @Inject
    Pool pool;
    @Inject
    CodeService codes;
    @Inject
    Links links;
    @Inject
    JsonWebToken jwt;

    @POST
    @Path("/issue")
    public Uni<Response> issue(@Valid @NotNull IssueRequest body) {
        Caller caller = Caller.of(jwt);
        if (!caller.has("SERVICE")) {
            throw caller.forbidden();
        }
        return pool.withTransaction(tx -> codes.issueOrGet(tx, body.customerKey(), body.storeId(), body.displayName(), "API", null))
                .map(issued -> {
                    IssuedCode answer = IssuedCode.of(issued.code(), links);
                    return issued.created()
                            ? Response.created(URI.create(links.shareUrl(issued.code()))).entity(answer).build()
                            : Response.ok(answer).build();
                });
    }

    /** Revokes a code (STORE_MANAGER and above of its store, or HQ): /r/{code} then answers the uniform 404. */
    @POST
    @Path("/{code}/revoke")
    @Consumes(MediaType.WILDCARD)
    public Uni<RevokeResult> revoke(@PathParam("code") String rawCode) {
        Caller caller = Caller.of(jwt);
        String code = CodeGenerator.canonical(rawCode);
        if (code == null) {
            throw ProblemException.notFound("No such referral code.");
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT store_id, status FROM referral_code WHERE code = $1 FOR UPDATE")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(code))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ProblemException.notFound("No such referral code.");
                    }
                    var r = rows.iterator().next();
                    if (!caller.isHq() && !caller.storeRoleAtLeast("STORE_MANAGER", r.getString("store_id"))) {
                        throw caller.forbidden();
                    }
                    if (!"ACTIVE".equals(r.getString("status"))) {
                        throw new ProblemException(new Problem("https://npsloop.dev/problems/conflict", "Conflict", 409,
                                "The code is already revoked.", List.of()));
                    }
                    return codes.revoke(tx, code, "MANUAL").replaceWith(new RevokeResult(code, "REVOKED"));
                }));
    }
}
