package io.npsloop.analytics.initiative;

import io.npsloop.analytics.config.AnalyticsConfig;
import io.npsloop.analytics.initiative.InitiativeDtos.StoreBand;
import io.npsloop.analytics.initiative.InitiativeDtos.TargetBands;
import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.query.Dtos.NpsResult;
import io.npsloop.analytics.query.QueryParams;
import io.npsloop.analytics.rollup.Measure;
import io.npsloop.analytics.rollup.RollupRepository;
import io.npsloop.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each store's weekly NPS against its optimal band (npsloop.target-bands.*): BELOW, WITHIN, ABOVE (above the band
 * the seed warns that each point costs more than it earns), UNKNOWN without responses or when suppressed.
 */
@Path("/api/v1/target-bands")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"HQ_ANALYST", "REGION_MANAGER", "SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
        "SERVICE_DIRECTOR", "GENERAL_MANAGER", "SERVICE"})
public class TargetBandResource {

    private final RollupRepository rollups;
    private final TargetBandsConfig bands;
    private final JsonWebToken jwt;
    private final int kMin;

    TargetBandResource(RollupRepository rollups, TargetBandsConfig bands, JsonWebToken jwt, AnalyticsConfig analytics) {
        this.rollups = rollups;
        this.bands = bands;
        this.jwt = jwt;
        this.kMin = analytics.kMin();
    }

    @GET
    public Uni<TargetBands> bands(@Context UriInfo uri) {
        QueryParams p = new QueryParams(uri.getQueryParameters());
        LocalDate monday = p.week("week");
        QueryParams.Filters f = p.filters();
        p.only(f, List.of(), "is not a filter of target bands (they are per store)");
        p.check();
        Caller caller = Caller.of(jwt);
        String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return rollups.storeRegions().chain(regions -> {
            List<String> stores = caller.effectiveStores(f.storeIds(), f.regionIds(), regions);
            return rollups.aggregate(monday, monday.plusDays(6), new RollupRepository.Selection(stores, Map.of()),
                    RollupRepository.Bucket.NONE, Set.of(RollupRepository.STORE)).map(aggs -> {
                List<StoreBand> out = new ArrayList<>();
                for (RollupRepository.Agg a : aggs) {
                    long[] m = a.m();
                    NpsMath.Figures fig = NpsMath.figures(m[Measure.PROMOTERS.ordinal()], m[Measure.PASSIVES.ordinal()],
                            m[Measure.DETRACTORS.ordinal()]);
                    if (fig.empty()) {
                        continue;
                    }
                    String group = null;
                    double low = bands.defaultLow(), high = bands.defaultHigh();
                    for (var g : bands.groups().entrySet()) {
                        if (g.getValue().stores().contains(a.value())) {
                            group = g.getKey();
                            low = g.getValue().low();
                            high = g.getValue().high();
                            break;
                        }
                    }
                    boolean hidden = caller.suppressedBelowKMin() && fig.n() < kMin;
                    NpsResult nps = hidden ? NpsResult.SUPPRESSED : new NpsResult(fig.value(), fig.n(), fig.promoters(),
                            fig.passives(), fig.detractors(), fig.promoterShare(), fig.passiveShare(), fig.detractorShare(),
                            fig.marginOfError(), fig.low(), fig.high(), false);
                    String position = hidden ? "UNKNOWN" : position(fig.value(), low, high);
                    out.add(new StoreBand(a.value(), group, low, high, nps, position));
                }
                out.sort(java.util.Comparator.comparing(StoreBand::storeId));
                return new TargetBands(week, out);
            });
        });
    }

    static String position(double nps, double low, double high) {
        return nps < low ? "BELOW" : nps > high ? "ABOVE" : "WITHIN";
    }
}
