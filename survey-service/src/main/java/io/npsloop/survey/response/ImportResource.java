package io.npsloop.survey.response;

import io.npsloop.survey.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;

/** Bulk import of historical responses (CSV, streamed; a worker thread reads it and awaits each batch). */
@Path("/api/v1/imports")
public class ImportResource {

    private final ImportService imports;

    ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Blocking
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INTEGRATION, Roles.HQ_ANALYST})
    public ImportService.Report importCsv(InputStream body) {
        return imports.importCsv(body);
    }
}
