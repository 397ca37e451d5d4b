package io.npsloop.gateway.api;

import io.npsloop.gateway.client.AnalyticsClient;
import io.npsloop.gateway.client.AnalyticsJson;
import io.npsloop.gateway.client.Params;
import io.npsloop.gateway.model.Dashboard;
import io.npsloop.gateway.model.Dimension;
import io.npsloop.gateway.model.Driver;
import io.npsloop.gateway.model.Granularity;
import io.npsloop.gateway.model.Initiative;
import io.npsloop.gateway.model.InitiativeCategory;
import io.npsloop.gateway.model.InitiativeEffect;
import io.npsloop.gateway.model.InitiativeRank;
import io.npsloop.gateway.model.Topic;
import io.npsloop.gateway.model.NpsResult;
import io.npsloop.gateway.model.RecoveryStats;
import io.npsloop.gateway.model.ReferralFunnel;
import io.npsloop.gateway.model.ResponseFunnel;
import io.npsloop.gateway.model.Segment;
import io.npsloop.gateway.model.SegmentFilter;
import io.npsloop.gateway.model.TrendPoint;
import io.npsloop.gateway.security.Caller;
import io.npsloop.gateway.security.CurrentCaller;
import io.npsloop.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.time.LocalDate;
import java.util.List;

/**
 * Dashboard, NPS, segments, trend, drivers, funnels, comment topics and initiatives: analytics-service, scoped to the
 * caller's stores/regions.
 */
@GraphQLApi
public class AnalyticsGraph {

    private final AnalyticsClient analytics;
    private final CurrentCaller current;
    private final Scope scope;

    AnalyticsGraph(AnalyticsClient analytics, CurrentCaller current, Scope scope) {
        this.analytics = analytics;
        this.current = current;
        this.scope = scope;
    }

    @Query("dashboard")
    @Description("The weekly dashboard (本周NPS概况) for an ISO week such as 2026-W48")
    public Uni<Dashboard> dashboard(@NonNull @Name("week") String week, @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Validate.week(week);
            return scoped(filter, (c, f) -> analytics.dashboard(c.bearer(), Params.create().add("week", week).filter(f).build()));
        });
    }

    @Query("nps")
    @Description("NPS, shares, counts, margin of error and adjusted-Wald interval of a period")
    public Uni<NpsResult> nps(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.nps(c.bearer(), period(from, to).filter(f).build()));
        });
    }

    @Query("segments")
    @Description("NPS broken down by one dimension")
    @NonNull
    public Uni<List<@NonNull Segment>> segments(@NonNull @Name("dimension") Dimension dimension,
            @NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to, @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, List.<Segment>of(), () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.segments(c.bearer(),
                    period(from, to).add("dimension", dimension.name()).filter(f).build()).map(AnalyticsJson.Segments::segments));
        });
    }

    @Query("trend")
    @Description("NPS per day, ISO week or month")
    @NonNull
    public Uni<List<@NonNull TrendPoint>> trend(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @NonNull @Name("granularity") Granularity granularity, @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, List.<TrendPoint>of(), () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.trend(c.bearer(),
                    period(from, to).add("granularity", granularity.name()).filter(f).build()).map(AnalyticsJson.Trend::points));
        });
    }

    @Query("drivers")
    @Description("Which of the four quality ratings moves the score most")
    @NonNull
    public Uni<List<@NonNull Driver>> drivers(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, List.<Driver>of(), () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.drivers(c.bearer(), period(from, to).filter(f).build())
                    .map(AnalyticsJson.Drivers::drivers));
        });
    }

    @Query("recovery")
    @Description("Detractor recovery: first-contact time, recovery rate by latency bucket, secondary detractor rate")
    public Uni<RecoveryStats> recovery(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.recovery(c.bearer(), period(from, to).filter(f).build()));
        });
    }

    @Query("responseFunnel")
    @Description("Completed orders → invited → opened → answered, response rate and coverage")
    public Uni<ResponseFunnel> responseFunnel(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.funnel(c.bearer(), period(from, to).filter(f).build()));
        });
    }

    @Query("referralFunnel")
    @Description("Referral clicks → bookings → conversions, rewards and referral rate (转介绍率)")
    public Uni<ReferralFunnel> referralFunnel(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("storeIds") @io.smallrye.graphql.api.Nullable List<@NonNull String> storeIds) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Validate.period(from, to);
            SegmentFilter filter = SegmentFilter.none().withStoreIds(storeIds);
            return scoped(filter, (c, f) -> analytics.referralFunnel(c.bearer(),
                    period(from, to).addAll("storeId", f.storeIds()).addAll("regionId", f.regionIds()).build()));
        });
    }

    @Query("topics")
    @Description("What the comments say (痛点清单): mentions by promoters, passives and detractors, and each topic's NPS impact")
    @NonNull
    public Uni<List<@NonNull Topic>> topics(@NonNull @Name("from") LocalDate from, @NonNull @Name("to") LocalDate to,
            @Name("filter") SegmentFilter filter) {
        return Resolve.run(AnalyticsClient.SERVICE, List.<Topic>of(), () -> {
            Validate.period(from, to);
            return scoped(filter, (c, f) -> analytics.topics(c.bearer(), period(from, to).filter(f).build())
                    .map(AnalyticsJson.Topics::topics));
        });
    }

    @Query("initiatives")
    @Description("Improvement initiatives ranked by cost per NPS point (cheapest first), with their lift")
    @NonNull
    public Uni<List<@NonNull InitiativeRank>> initiatives(
            @Name("storeIds") @io.smallrye.graphql.api.Nullable List<@NonNull String> storeIds,
            @Name("category") InitiativeCategory category) {
        return Resolve.run(AnalyticsClient.SERVICE, List.<InitiativeRank>of(), () -> {
            Caller caller = current.get();
            caller.requireUser();
            if (storeIds != null) {
                storeIds.forEach(id -> Validate.id("storeIds", id));
            }
            // the service lists only initiatives whose stores are all in the caller's scope; asked stores are checked here
            return scope.resolve(caller, storeIds, null).flatMap(s -> analytics.initiatives(caller.bearer(),
                    Params.create().addAll("storeId", storeIds).add("category", category).build()))
                    .map(AnalyticsJson.Ranking::items);
        });
    }

    @Query("initiative")
    @Description("One initiative; null when it does not exist")
    public Uni<Initiative> initiative(@NonNull @Id @Name("id") String id) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            Caller caller = current.get();
            caller.requireUser();
            return analytics.initiative(caller.bearer(), Validate.id("id", id));
        });
    }

    /**
     * Initiative.effect — analytics has no bulk effect endpoint, so a list asks for the effects concurrently (one call
     * per initiative, all in flight at once); the ranking's own lift and cost per point need no call at all.
     */
    @Description("NPS before/after in treated and control stores, difference-in-differences lift, cost per point, whether the lift held")
    public Uni<List<InitiativeEffect>> effect(@Source List<Initiative> initiatives) {
        return Resolve.run(AnalyticsClient.SERVICE, null, () -> {
            String bearer = current.get().bearer();
            List<String> ids = initiatives.stream().map(Initiative::id).distinct().toList();
            List<Uni<InitiativeEffect>> calls = ids.stream().map(id -> analytics.initiativeEffect(bearer, id)).toList();
            if (calls.isEmpty()) {
                return Uni.createFrom().item(List.<InitiativeEffect>of());
            }
            return Uni.join().all(calls).andFailFast().map(effects -> {
                java.util.Map<String, InitiativeEffect> byId = new java.util.HashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    byId.put(ids.get(i), effects.get(i));
                }
                return initiatives.stream().map(i -> byId.get(i.id())).toList();
            });
        });
    }

    private static Params period(LocalDate from, LocalDate to) {
        return Params.create().add("from", from).add("to", to);
    }

    /** Checks and narrows the filter to the caller's scope, then runs the call. */
    private <T> Uni<T> scoped(SegmentFilter filter, java.util.function.BiFunction<Caller, SegmentFilter, Uni<T>> call) {
        Caller caller = current.get();
        caller.requireUser();
        SegmentFilter f = filter == null ? SegmentFilter.none() : filter;
        return scope.resolve(caller, f.storeIds(), f.regionIds())
                .flatMap(s -> call.apply(caller, new SegmentFilter(s.storeIds(), s.regionIds(), f.serviceTypes(),
                        f.paymentTypes(), f.visitKinds(), f.tenures(), f.localities(), f.spendBands(), f.ageBands(),
                        f.genders(), f.occupations(), f.channels())));
    }

}
