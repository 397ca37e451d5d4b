package io.npsloop.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Rejects a U+0000 anywhere in the decoded path or query before routing: PostgreSQL cannot store it in text, and
 * an id carrying it would otherwise travel to a query only to fail there (reliability/FINDINGS.md F6).
 */
public class NulCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public Response rejectNul(ContainerRequestContext request) {
        String where = request.getUriInfo().getPath().indexOf('\u0000') >= 0 ? "path"
                : nulParameter(request.getUriInfo().getQueryParameters());
        if (where == null) {
            return null;
        }
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(Problem.invalid("The " + where + " contains the character U+0000.",
                        List.of(new Problem.InvalidParam(where, "must not contain U+0000"))))
                .build();
    }

    private static String nulParameter(MultivaluedMap<String, String> query) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().indexOf('\u0000') >= 0) {
                return "query";
            }
            for (String v : e.getValue()) {
                if (v != null && v.indexOf('\u0000') >= 0) {
                    return e.getKey();
                }
            }
        }
        return null;
    }
}
