package io.npsloop.analytics.query;

import io.npsloop.analytics.query.Dtos.*;
import io.npsloop.analytics.query.QueryService.Dimension;
import io.npsloop.analytics.query.QueryService.Granularity;
import io.npsloop.analytics.rollup.Attr;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;

/** The query API pinned in DEVELOPERS.md. Every figure comes from the rollups, scoped to the caller. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"HQ_ANALYST", "REGION_MANAGER", "SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
        "SERVICE_DIRECTOR", "GENERAL_MANAGER", "SERVICE"})
public class AnalyticsResource {

    /** Answers are the caller's own and may change with the next feed transaction: keep them, but ask again. */
    private static final String CACHE_CONTROL = "private, no-cache";

    private final QueryService service;
    private final JsonWebToken jwt;
    private final io.npsloop.analytics.coverage.CoverageOutliers coverageOutliers;

    AnalyticsResource(QueryService service, JsonWebToken jwt,
                      io.npsloop.analytics.coverage.CoverageOutliers coverageOutliers) {
        this.service = service;
        this.jwt = jwt;
        this.coverageOutliers = coverageOutliers;
    }

    @GET
    @Path("/nps")
    public Uni<NpsResult> nps(@Context UriInfo uri) {
        return ranged(uri, null, service::nps);
    }

    @GET
    @Path("/segments")
    public Uni<Segments> segments(@Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        Dimension dim = p.choice("dimension", Dimension.class);
        LocalDate[] r = p.range();
        QueryParams.Filters f = p.filters();
        p.check();
        return service.scope(caller(), f).chain(s -> service.segments(s, dim, r[0], r[1]));
    }

    @GET
    @Path("/trend")
    public Uni<Trend> trend(@Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        Granularity g = p.choice("granularity", Granularity.class);
        LocalDate[] r = p.range();
        QueryParams.Filters f = p.filters();
        p.check();
        return service.scope(caller(), f).chain(s -> service.trend(s, g, r[0], r[1]));
    }

    /**
     * The weekly dashboard, with an entity tag ({@link ETags}): a request naming the current tag in If-None-Match
     * gets 304 without the dashboard being assembled (the gateway revalidates its cached GraphQL answers so).
     */
    @GET
    @Path("/dashboard")
    public Uni<RestResponse<Dashboard>> dashboard(@Context UriInfo uri, @RestHeader("If-None-Match") String ifNoneMatch) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        LocalDate monday = p.week("week");
        QueryParams.Filters f = p.filters();
        p.check();
        return service.scope(caller(), f).chain(s -> {
            String tag = ETags.of(s.version(), uri.getRequestUri().getRawQuery(), jwt.getRawToken());
            if (ETags.matches(ifNoneMatch, tag)) {
                return Uni.createFrom().item(RestResponse.ResponseBuilder.<Dashboard>create(RestResponse.Status.NOT_MODIFIED)
                        .header(HttpHeaders.ETAG, tag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build());
            }
            return service.dashboard(s, monday)
                    // HQ only, store/region selections only: COVERAGE_OUTLIER warnings (issue 11 item 6) appended
                    .chain(d -> f.attrs().isEmpty() ? coverageOutliers.addTo(d, s.caller(), s.selection().storeIds(), monday,
                            s.version()) : Uni.createFrom().item(d))
                    .map(d -> {
                        RestResponse.ResponseBuilder<Dashboard> ok = RestResponse.ResponseBuilder.ok(d)
                                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
                        return (tag == null ? ok : ok.header(HttpHeaders.ETAG, tag)).build();
                    });
        });
    }

    @GET
    @Path("/drivers")
    public Uni<Drivers> drivers(@Context UriInfo uri) {
        return ranged(uri, null, service::drivers);
    }

    @GET
    @Path("/recovery")
    public Uni<Recovery> recovery(@Context UriInfo uri) {
        return ranged(uri, null, service::recovery);
    }

    @GET
    @Path("/funnel")
    public Uni<Funnel> funnel(@Context UriInfo uri) {
        List<Attr> supported = List.of(Attr.SERVICE_TYPE, Attr.PAYMENT_TYPE, Attr.VISIT_KIND, Attr.TENURE, Attr.LOCALITY,
                Attr.SPEND_BAND, Attr.AGE_BAND, Attr.GENDER, Attr.OCCUPATION);
        return ranged(uri, supported, service::funnel);
    }

    @GET
    @Path("/referral-funnel")
    public Uni<ReferralFunnel> referralFunnel(@Context UriInfo uri) {
        return ranged(uri, List.of(), service::referralFunnel);
    }

    private <T> Uni<T> ranged(UriInfo uri, List<Attr> supported,
                              TriFunction<QueryService.Scope, LocalDate, LocalDate, Uni<T>> f) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        LocalDate[] r = p.range();
        QueryParams.Filters filters = p.filters();
        if (supported != null) {
            p.only(filters, supported, "is not a filter of this endpoint (its events do not carry it)");
        }
        p.check();
        return service.scope(caller(), filters).chain(s -> f.apply(s, r[0], r[1]));
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }
}
