package io.npsloop.gateway.api;

import io.npsloop.gateway.client.Params;
import io.npsloop.gateway.client.SurveyClient;
import io.npsloop.gateway.config.GatewayConfig;
import io.npsloop.gateway.error.BadUserInputException;
import io.npsloop.gateway.model.Invitation;
import io.npsloop.gateway.model.InvitationConnection;
import io.npsloop.gateway.model.InvitationEdge;
import io.npsloop.gateway.model.Passive;
import io.npsloop.gateway.model.PassiveConnection;
import io.npsloop.gateway.model.PassiveEdge;
import io.npsloop.gateway.model.Region;
import io.npsloop.gateway.model.Store;
import io.npsloop.gateway.security.Caller;
import io.npsloop.gateway.security.CurrentCaller;
import io.npsloop.gateway.security.Role;
import io.npsloop.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chain's directory (stores, regions), invitations and the passives worklist (survey-service). */
@GraphQLApi
public class SurveyGraph {

    private final SurveyClient survey;
    private final CurrentCaller current;
    private final Scope scope;
    private final GatewayConfig config;

    SurveyGraph(SurveyClient survey, CurrentCaller current, Scope scope, GatewayConfig config) {
        this.survey = survey;
        this.current = current;
        this.scope = scope;
        this.config = config;
    }

    @Query("stores")
    @Description("The stores the caller may see (for filters)")
    @NonNull
    public Uni<List<@NonNull Store>> stores(@Name("status") String status) {
        return Resolve.run(SurveyClient.SERVICE, List.<Store>of(), () -> {
            Caller caller = current.get();
            caller.requireUser();
            return survey.stores(caller.bearer(), status, 1000, null).map(p -> p.items().stream()
                    .filter(s -> s != null && (caller.isHq() || caller.isRegionManager() || caller.stores().contains(s.id())))
                    .toList());
        });
    }

    @Query("regions")
    @Description("The regions the caller may see (for filters)")
    @NonNull
    public Uni<List<@NonNull Region>> regions() {
        return Resolve.run(SurveyClient.SERVICE, List.<Region>of(), () -> {
            Caller caller = current.get();
            caller.requireUser();
            return survey.regions(caller.bearer()).map(p -> p.items().stream()
                    .filter(r -> r != null && (caller.isHq() || !caller.isRegionManager() || caller.regions().contains(r.id())))
                    .toList());
        });
    }

    @Query("invitations")
    @Description("Survey invitations of the caller's stores (store managers and above)")
    @NonNull
    public Uni<InvitationConnection> invitations(@Name("storeId") String storeId, @Name("status") String status,
            @Name("first") Integer first, @Name("after") String after) {
        return Resolve.run(SurveyClient.SERVICE, InvitationConnection.empty(), () -> {
            Caller caller = current.get();
            caller.requireManager("invitations");
            int n = Validate.first(first, config.page().defaultSize(), config.page().maxSize());
            Cursors.Position pos = Cursors.decode(after);
            if (status != null && !status.matches("[A-Z_]{1,32}")) {
                throw BadUserInputException.of("status", "must be an upper-case status name").unchecked();
            }
            List<String> asked = storeId == null ? null : List.of(Validate.id("storeId", storeId));
            return scope.resolve(caller, asked, null)
                    .flatMap(s -> survey.invitations(caller.bearer(), Params.create().addAll("storeId", asked)
                            .add("status", status).add("limit", pos.limit(n)).add("after", pos.after()).build()))
                    .map(page -> {
                        var slice = Cursors.slice(page, pos, n);
                        return new InvitationConnection(slice.items().stream()
                                .map(i -> new InvitationEdge(i.cursor(), i.node())).toList(), slice.pageInfo(),
                                slice.totalCount());
                    });
        });
    }

    @Name("store")
    @Description("The invitation's store (batched)")
    public Uni<List<Store>> invitationStore(@Source List<Invitation> invitations) {
        return StoreBatch.load(survey, current, invitations.stream().map(Invitation::storeId).toList());
    }

    @Query("passives")
    @Description("The passives (7–8) activation worklist")
    @NonNull
    public Uni<PassiveConnection> passives(@Name("storeId") String storeId, @Name("type") String type,
            @Name("status") String status, @Name("first") Integer first, @Name("after") String after) {
        return Resolve.run(SurveyClient.SERVICE, PassiveConnection.empty(), () -> {
            Caller caller = current.get();
            caller.requireManager("the passives worklist");
            int n = Validate.first(first, config.page().defaultSize(), config.page().maxSize());
            Cursors.Position pos = Cursors.decode(after);
            for (var p : new String[][] {{"type", type}, {"status", status}}) {
                if (p[1] != null && !p[1].matches("[A-Z_]{1,32}")) {
                    throw BadUserInputException.of(p[0], "must be an upper-case name").unchecked();
                }
            }
            List<String> asked = storeId == null ? null : List.of(Validate.id("storeId", storeId));
            return scope.resolve(caller, asked, null)
                    .flatMap(s -> survey.passives(caller.bearer(), Params.create().addAll("storeId", asked)
                            .add("type", type).add("status", status).add("limit", pos.limit(n)).add("after", pos.after())
                            .build()))
                    .map(page -> {
                        var slice = Cursors.slice(page, pos, n);
                        return new PassiveConnection(slice.items().stream()
                                .map(i -> new PassiveEdge(i.cursor(), i.node())).toList(), slice.pageInfo(), slice.totalCount());
                    });
        });
    }

    @Name("store")
    @Description("The passive's store (batched)")
    public Uni<List<Store>> passiveStore(@Source List<Passive> passives) {
        return StoreBatch.load(survey, current, passives.stream().map(Passive::storeId).toList());
    }

    @Mutation("markPassiveDone")
    @Description("Record that a passive was activated (vehicle health report, added service, personal touch, easier referral)")
    @NonNull
    public Uni<Passive> markPassiveDone(@NonNull @Id @Name("id") String id, @Name("note") String note) {
        return Resolve.run(SurveyClient.SERVICE, null, () -> {
            Caller caller = current.get();
            caller.requireStoreRole(Role.STORE_MANAGER, "the passives worklist");
            Validate.id("id", id);
            if (note != null && note.length() > 2000) {
                throw BadUserInputException.of("note", "at most 2000 characters").unchecked();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (note != null) {
                body.put("note", note);
            }
            return survey.passiveDone(caller.bearer(), id, body);
        });
    }
}
