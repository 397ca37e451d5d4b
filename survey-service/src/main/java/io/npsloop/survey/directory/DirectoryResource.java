package io.npsloop.survey.directory;

import io.npsloop.survey.common.Csv;
import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chain's directory. HQ_ANALYST and INTEGRATION write; every role reads the stores in its scope. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    static final String[] READERS = {Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR,
            Roles.SERVICE_DIRECTOR, Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.INTEGRATION,
            Roles.SERVICE};

    private final DirectoryService directory;
    private final Caller caller;

    DirectoryResource(DirectoryService directory, Caller caller) {
        this.directory = directory;
        this.caller = caller;
    }

    public record Page<T>(List<T> items, String next) {
    }

    public record ImportReport(int accepted, List<Rejected> rejected) {
    }

    public record Rejected(long line, String reason) {
    }

    // ---- regions

    @GET
    @Path("/regions")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
            Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.INTEGRATION, Roles.SERVICE})
    public Uni<Page<Region>> regions() {
        return directory.regions().map(list -> new Page<>(list, null));
    }

    @GET
    @Path("/regions/{id}")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
            Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.INTEGRATION, Roles.SERVICE})
    public Uni<Region> region(@PathParam("id") String id) {
        return directory.region(id).map(r -> {
            if (r == null) {
                throw ProblemException.notFound("No region " + id + ".");
            }
            return r;
        });
    }

    @POST
    @Path("/regions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> createRegion(@Valid @NotNull(message = "is required") RegionInput in) {
        if (in.id() == null) {
            throw ProblemException.invalid("id", "is required");
        }
        return directory.upsertRegion(in.id(), in.name().strip(), true)
                .map(u -> Response.created(URI.create("/api/v1/regions/" + in.id())).entity(u.value()).build());
    }

    @PUT
    @Path("/regions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> putRegion(@PathParam("id") String id, @Valid @NotNull(message = "is required") RegionInput in) {
        checkPathId(id, in.id());
        return directory.upsertRegion(id, in.name().strip(), false)
                .map(u -> (u.created() ? Response.created(URI.create("/api/v1/regions/" + id)) : Response.ok())
                        .entity(u.value()).build());
    }

    @DELETE
    @Path("/regions/{id}")
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> deleteRegion(@PathParam("id") String id) {
        return directory.deleteRegion(id).map(x -> Response.noContent().build());
    }

    // ---- stores

    @GET
    @Path("/stores")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
            Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.INTEGRATION, Roles.SERVICE})
    public Uni<Page<Store>> stores(@QueryParam("ids") List<String> ids, @QueryParam("status") String status,
                                   @QueryParam("limit") String limitParam, @QueryParam("after") String after) {
        if (status != null && !status.equals(Store.ACTIVE) && !status.equals(Store.UNCONFIGURED)) {
            throw ProblemException.invalid("status", "must be ACTIVE or UNCONFIGURED");
        }
        if (ids != null && !ids.isEmpty()) {
            if (ids.size() > 1000) {
                throw ProblemException.invalid("ids", "must name at most 1000 stores");
            }
            return directory.stores(ids).map(list -> new Page<>(
                    list.stream().filter(s -> caller.canSee(s.id(), s.regionId())).toList(), null));
        }
        int limit = (int) io.npsloop.survey.common.Params.integer("limit", limitParam, 100, 1, 1000);
        List<String> storeScope = caller.allStores() ? null : new ArrayList<>(caller.hasStoreRole() ? caller.stores() : List.of());
        List<String> regionScope = caller.allStores() ? null
                : new ArrayList<>(caller.has(Roles.REGION_MANAGER) ? caller.regions() : List.of());
        return directory.page(status, after, limit, storeScope, regionScope)
                .map(list -> new Page<>(list, list.size() == limit ? list.get(list.size() - 1).id() : null));
    }

    @GET
    @Path("/stores/{id}")
    @RolesAllowed({Roles.SERVICE_ADVISOR, Roles.STORE_MANAGER, Roles.TECHNICAL_DIRECTOR, Roles.SERVICE_DIRECTOR,
            Roles.GENERAL_MANAGER, Roles.REGION_MANAGER, Roles.HQ_ANALYST, Roles.INTEGRATION, Roles.SERVICE})
    public Uni<Store> store(@PathParam("id") String id) {
        return directory.store(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("No store " + id + ".");
            }
            if (!caller.canSee(s.id(), s.regionId())) {
                throw ProblemException.forbidden("Store " + id + " is outside your scope.");
            }
            return s;
        });
    }

    @POST
    @Path("/stores")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> createStore(@Valid @NotNull(message = "is required") StoreInput in) {
        if (in.id() == null) {
            throw ProblemException.invalid("id", "is required");
        }
        return directory.upsertStore(in.id(), in, true)
                .map(u -> Response.created(URI.create("/api/v1/stores/" + in.id())).entity(u.value()).build());
    }

    @PUT
    @Path("/stores/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> putStore(@PathParam("id") String id, @Valid @NotNull(message = "is required") StoreInput in) {
        checkPathId(id, in.id());
        return directory.upsertStore(id, in, false)
                .map(u -> (u.created() ? Response.created(URI.create("/api/v1/stores/" + id)) : Response.ok())
                        .entity(u.value()).build());
    }

    @DELETE
    @Path("/stores/{id}")
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<Response> deleteStore(@PathParam("id") String id) {
        return directory.deleteStore(id).map(x -> Response.noContent().build());
    }

    /**
     * CSV bulk import of stores: header {@code id,name,city,regionId,networks,alertRecipients}; networks separated
     * by spaces or ';', recipients as {@code ROLE=recipient;ROLE=recipient}. Each row is upserted on its own.
     */
    @POST
    @Path("/stores/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.HQ_ANALYST, Roles.INTEGRATION})
    public Uni<ImportReport> importStores(String body) {
        List<Csv.Record> records = new ArrayList<>();
        try (Csv csv = new Csv(new StringReader(body == null ? "" : body), 10_000)) {
            for (Csv.Record r = csv.next(); r != null; r = csv.next()) {
                records.add(r);
            }
        } catch (Csv.MalformedCsv e) {
            throw ProblemException.invalid("body", "is not valid CSV (line " + e.line + ": " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (records.isEmpty()) {
            throw ProblemException.invalid("body", "must start with the header id,name,city,regionId,networks,alertRecipients");
        }
        Map<String, Integer> header = new LinkedHashMap<>();
        List<String> names = records.get(0).fields();
        for (int i = 0; i < names.size(); i++) {
            header.put(names.get(i).strip(), i);
        }
        for (String required : List.of("id", "name", "regionId")) {
            if (!header.containsKey(required)) {
                throw ProblemException.invalid("body", "the header lacks the column " + required);
            }
        }
        List<Rejected> rejected = new ArrayList<>();
        return Multi.createFrom().iterable(records.subList(1, records.size()))
                .onItem().transformToUniAndConcatenate(rec -> {
                    StoreInput in = storeRow(header, rec);
                    String problem = rowProblem(in);
                    if (problem != null) {
                        rejected.add(new Rejected(rec.line(), problem));
                        return Uni.createFrom().item(false);
                    }
                    return directory.upsertStore(in.id(), in, false).map(u -> true)
                            .onFailure().recoverWithItem(e -> {
                                rejected.add(new Rejected(rec.line(), e instanceof ProblemException p
                                        ? p.problem().detail() : "could not be stored"));
                                return false;
                            });
                })
                .collect().asList()
                .map(results -> new ImportReport((int) results.stream().filter(b -> b).count(), rejected));
    }

    private static StoreInput storeRow(Map<String, Integer> header, Csv.Record rec) {
        java.util.function.Function<String, String> col = name -> {
            Integer i = header.get(name);
            if (i == null || i >= rec.fields().size()) {
                return null;
            }
            String v = rec.fields().get(i).strip();
            return v.isEmpty() ? null : v;
        };
        String nets = col.apply("networks");
        List<String> networks = nets == null ? List.of() : List.of(nets.split("[;\\s]+"));
        Map<String, String> recipients = new LinkedHashMap<>();
        String rec2 = col.apply("alertRecipients");
        if (rec2 != null) {
            for (String pair : rec2.split(";")) {
                int eq = pair.indexOf('=');
                recipients.put(eq < 0 ? pair.strip() : pair.substring(0, eq).strip(), eq < 0 ? "" : pair.substring(eq + 1).strip());
            }
        }
        return new StoreInput(col.apply("id"), col.apply("name"), col.apply("city"), col.apply("regionId"), networks, recipients);
    }

    private static String rowProblem(StoreInput in) {
        if (in.id() == null || !in.id().matches("[A-Za-z0-9_-]{1,64}")) {
            return "id must be 1-64 letters, digits, '_' or '-'";
        }
        if (in.name() == null || in.name().length() > 200) {
            return "name is required (at most 200 characters)";
        }
        if (in.regionId() == null) {
            return "regionId is required";
        }
        try {
            DirectoryService.check(in);
        } catch (ProblemException e) {
            Problem p = e.problem();
            return p.detail();
        }
        return null;
    }

    private static void checkPathId(String pathId, String bodyId) {
        if (!pathId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw ProblemException.invalid("id", "must be 1-64 letters, digits, '_' or '-'");
        }
        if (bodyId != null && !bodyId.equals(pathId)) {
            throw ProblemException.invalid("id", "must match the id in the path");
        }
    }
}
