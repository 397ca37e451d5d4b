package io.npsloop.gateway.api;

import io.npsloop.gateway.client.Params;
import io.npsloop.gateway.client.SurveyClient;
import io.npsloop.gateway.config.GatewayConfig;
import io.npsloop.gateway.error.ForbiddenException;
import io.npsloop.gateway.error.NotFoundException;
import io.npsloop.gateway.model.Case;
import io.npsloop.gateway.model.CaseConnection;
import io.npsloop.gateway.model.CaseEdge;
import io.npsloop.gateway.model.CaseFilter;
import io.npsloop.gateway.model.CaseInputs;
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

/**
 * The detractor recovery board (survey-service {@code /api/v1/cases}) and the five SOP steps. Individual cases are
 * for store managers and above, region managers and HQ; a case's store must lie in the caller's scope.
 */
@GraphQLApi
public class CaseGraph {

    private final SurveyClient survey;
    private final CurrentCaller current;
    private final Scope scope;
    private final GatewayConfig config;

    CaseGraph(SurveyClient survey, CurrentCaller current, Scope scope, GatewayConfig config) {
        this.survey = survey;
        this.current = current;
        this.scope = scope;
        this.config = config;
    }

    @Query("cases")
    @Description("Detractor recovery cases, newest first, in the caller's stores")
    @NonNull
    public Uni<CaseConnection> cases(@Name("filter") CaseFilter filter, @Name("first") Integer first,
            @Name("after") String after) {
        return Resolve.run(SurveyClient.SERVICE, CaseConnection.empty(), () -> {
            Caller caller = current.get();
            caller.requireManager("the case board");
            int n = Validate.first(first, config.page().defaultSize(), config.page().maxSize());
            Cursors.Position pos = Cursors.decode(after);
            CaseFilter f = filter == null ? CaseFilter.none() : filter;
            if (f.from() != null && f.to() != null) {
                Validate.period(f.from(), f.to());
            }
            return scope.resolve(caller, f.storeIds(), null).flatMap(s -> {
                var q = Params.create().addAll("storeId", f.storeIds()).addAll("status", f.statuses())
                        .addAll("stage", f.stages()).add("overdue", f.overdue()).add("from", f.from()).add("to", f.to())
                        .add("limit", pos.limit(n)).add("after", pos.after());
                return survey.cases(caller.bearer(), q.build());
            }).map(page -> {
                var slice = Cursors.slice(page, pos, n);
                return new CaseConnection(slice.items().stream().map(i -> new CaseEdge(i.cursor(), i.node())).toList(),
                        slice.pageInfo(), slice.totalCount());
            });
        });
    }

    @Query("case")
    @Description("One case; null when it does not exist")
    public Uni<Case> caseById(@NonNull @Id @Name("id") String id) {
        return Resolve.run(SurveyClient.SERVICE, null, () -> {
            Caller caller = current.get();
            caller.requireManager("a case");
            Validate.id("id", id);
            return survey.caseById(caller.bearer(), id).flatMap(c -> c == null ? Uni.createFrom().nullItem()
                    : scope.covers(caller, c.storeId()).map(ok -> {
                        if (!ok) {
                            throw new ForbiddenException("case " + id + " belongs to a store outside your scope").unchecked();
                        }
                        return c;
                    }));
        });
    }

    /** Case.store — one bulk call per page: GET /api/v1/stores?ids=…. */
    @Description("The case's store (batched)")
    public Uni<List<Store>> store(@Source List<Case> cases) {
        return StoreBatch.load(survey, current, cases.stream().map(Case::storeId).toList());
    }

    @Mutation("recordFirstContact")
    @Description("SOP step 1 (≤ 1 h): the first phone call")
    @NonNull
    public Uni<Case> recordFirstContact(@NonNull @Id @Name("caseId") String caseId,
            @NonNull @Name("input") CaseInputs.FirstContact input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notes", input.note());
        put(body, "contactedAt", input.contactedAt());
        put(body, "reached", input.reached());
        return act(caseId, "first-contact", Role.STORE_MANAGER, body);
    }

    @Mutation("classifyCase")
    @Description("SOP step 2 (≤ 4 h): classify with the severity matrix and plan the remedy")
    @NonNull
    public Uni<Case> classifyCase(@NonNull @Id @Name("caseId") String caseId,
            @NonNull @Name("input") CaseInputs.Classification input) {
        Map<String, Object> body = new LinkedHashMap<>();
        // survey-service's names: problemType × scope INDIVIDUAL/MULTIPLE (the severity matrix of the SOP)
        body.put("problemType", input.category().name());
        body.put("scope", input.scope() == io.npsloop.gateway.model.IssueScope.ONE ? "INDIVIDUAL" : "MULTIPLE");
        body.put("plan", input.plan());
        put(body, "reasons", input.reasons());
        return act(caseId, "classification", Role.STORE_MANAGER, body);
    }

    @Mutation("recordRemedy")
    @Description("SOP step 3 (≤ 8 h): apology, compensation, process fix")
    @NonNull
    public Uni<Case> recordRemedy(@NonNull @Id @Name("caseId") String caseId, @NonNull @Name("input") CaseInputs.Remedy input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apology", input.actions());
        put(body, "compensationCents", input.compensationCents());
        put(body, "processFix", input.processFix());
        return act(caseId, "remedy", Role.STORE_MANAGER, body);
    }

    @Mutation("recordGmFollowUp")
    @Description("SOP step 4 (≤ 24 h): the general manager's personal follow-up call")
    @NonNull
    public Uni<Case> recordGmFollowUp(@NonNull @Id @Name("caseId") String caseId,
            @NonNull @Name("input") CaseInputs.GmFollowUp input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notes", input.note());
        put(body, "satisfied", input.satisfied());
        return act(caseId, "gm-follow-up", Role.GENERAL_MANAGER, body);
    }

    @Mutation("closeCase")
    @Description("Close a case as RECOVERED or ABANDONED (with a reason)")
    @NonNull
    public Uni<Case> closeCase(@NonNull @Id @Name("caseId") String caseId, @NonNull @Name("input") CaseInputs.Close input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", input.outcome().name());
        put(body, "reason", input.reason());
        return Resolve.run(SurveyClient.SERVICE, null, () -> {
            if (input.outcome() == io.npsloop.gateway.model.CaseOutcome.ABANDONED
                    && (input.reason() == null || input.reason().isBlank())) {
                throw io.npsloop.gateway.error.BadUserInputException.of("input.reason", "an abandoned case needs a reason").unchecked();
            }
            return act(caseId, "close", Role.STORE_MANAGER, body);
        });
    }

    private Uni<Case> act(String caseId, String action, String minRole, Map<String, Object> body) {
        return Resolve.run(SurveyClient.SERVICE, null, () -> {
            Caller caller = current.get();
            caller.requireStoreRole(minRole, "this step");
            Validate.id("caseId", caseId);
            return survey.caseById(caller.bearer(), caseId).flatMap(c -> {
                if (c == null) {
                    throw new NotFoundException("case " + caseId + " does not exist").unchecked();
                }
                if (!caller.stores().contains(c.storeId())) {
                    throw new ForbiddenException("case " + caseId + " belongs to a store outside your scope").unchecked();
                }
                return survey.caseAction(caller.bearer(), caseId, action, body);
            });
        });
    }

    private static void put(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value instanceof java.time.temporal.TemporalAccessor ? value.toString() : value);
        }
    }

}
