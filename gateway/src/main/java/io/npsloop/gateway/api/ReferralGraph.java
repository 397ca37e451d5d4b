package io.npsloop.gateway.api;

import io.npsloop.gateway.client.Params;
import io.npsloop.gateway.client.ReferralClient;
import io.npsloop.gateway.client.ReferralJson;
import io.npsloop.gateway.client.SurveyClient;
import io.npsloop.gateway.config.GatewayConfig;
import io.npsloop.gateway.error.BadUserInputException;
import io.npsloop.gateway.error.ForbiddenException;
import io.npsloop.gateway.model.Funnel;
import io.npsloop.gateway.model.Promoter;
import io.npsloop.gateway.model.PromoterConnection;
import io.npsloop.gateway.model.PromoterEdge;
import io.npsloop.gateway.model.Reward;
import io.npsloop.gateway.model.RewardConnection;
import io.npsloop.gateway.model.RewardEdge;
import io.npsloop.gateway.model.RewardStatus;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Promoters with their codes, QR codes, posters and funnels, and reward approvals (referral-service). */
@GraphQLApi
public class ReferralGraph {

    private final ReferralClient referral;
    private final SurveyClient survey;
    private final CurrentCaller current;
    private final Scope scope;
    private final GatewayConfig config;
    private final FunnelCache funnels;

    ReferralGraph(ReferralClient referral, SurveyClient survey, CurrentCaller current, Scope scope, GatewayConfig config,
            FunnelCache funnels) {
        this.referral = referral;
        this.survey = survey;
        this.current = current;
        this.scope = scope;
        this.config = config;
        this.funnels = funnels;
    }

    @Query("promoters")
    @Description("Promoters (9–10) with their referral code, share link, QR code and poster")
    @NonNull
    public Uni<PromoterConnection> promoters(@Name("storeId") String storeId, @Name("first") Integer first,
            @Name("after") String after) {
        return Resolve.run(ReferralClient.SERVICE, PromoterConnection.empty(), () -> {
            Caller caller = current.get();
            caller.requireManager("the promoter list");
            int n = Validate.first(first, config.page().defaultSize(), config.page().maxSize());
            Cursors.Position pos = Cursors.decode(after);
            List<String> asked = storeId == null ? null : List.of(Validate.id("storeId", storeId));
            return scope.resolve(caller, asked, null)
                    .flatMap(s -> referral.promoters(caller.bearer(), Params.create().addAll("storeId", asked)
                            .add("limit", pos.limit(n)).add("after", pos.after()).build()))
                    .map(page -> {
                        page.items().forEach(p -> funnels.put(p.code(), p.funnel()));
                        var slice = Cursors.slice(page, pos, n);
                        return new PromoterConnection(slice.items().stream()
                                .map(i -> new PromoterEdge(i.cursor(), i.node().toPromoter())).toList(),
                                slice.pageInfo(), slice.totalCount());
                    });
        });
    }

    /** Promoter.funnel — funnels the list did not carry come from one GET /api/v1/funnels?code=…&code=… per page. */
    @Description("The promoter's referral funnel (batched)")
    @NonNull
    public Uni<List<@NonNull Funnel>> funnel(@Source List<Promoter> promoters) {
        return Resolve.run(ReferralClient.SERVICE, null, () -> {
            List<String> missing = List.copyOf(new LinkedHashSet<>(promoters.stream().map(Promoter::code)
                    .filter(c -> funnels.get(c) == null).toList()));
            if (missing.isEmpty()) {
                return Uni.createFrom().item(promoters.stream().map(p -> funnels.get(p.code())).toList());
            }
            return referral.funnels(current.get().bearer(), missing).map(page -> {
                Map<String, Funnel> byCode = new HashMap<>();
                List<ReferralJson.CodeFunnel> items = page.items();
                for (int i = 0; i < items.size() && i < missing.size(); i++) {
                    ReferralJson.CodeFunnel f = items.get(i);
                    if (f != null) { // input order; the code member, when present, wins
                        byCode.put(f.code() != null ? f.code() : missing.get(i), f.toFunnel());
                    }
                }
                byCode.forEach(funnels::put);
                List<Funnel> out = new ArrayList<>();
                for (Promoter p : promoters) {
                    Funnel f = funnels.get(p.code());
                    out.add(f == null ? Funnel.empty() : f);
                }
                return out;
            });
        });
    }

    /** Promoter.store — one bulk call to survey-service per page. */
    @Description("The promoter's store (batched)")
    public Uni<List<Store>> store(@Source List<Promoter> promoters) {
        return StoreBatch.load(survey, current, promoters.stream().map(Promoter::storeId).toList());
    }

    @Query("rewards")
    @Description("Promoter rewards (PENDING → APPROVED → ISSUED, or REJECTED)")
    @NonNull
    public Uni<RewardConnection> rewards(@Name("status") RewardStatus status, @Name("storeId") String storeId,
            @Name("first") Integer first, @Name("after") String after) {
        return Resolve.run(ReferralClient.SERVICE, RewardConnection.empty(), () -> {
            Caller caller = current.get();
            caller.requireManager("rewards");
            int n = Validate.first(first, config.page().defaultSize(), config.page().maxSize());
            Cursors.Position pos = Cursors.decode(after);
            List<String> asked = storeId == null ? null : List.of(Validate.id("storeId", storeId));
            return scope.resolve(caller, asked, null)
                    .flatMap(s -> referral.rewards(caller.bearer(), Params.create().add("status", status)
                            .addAll("storeId", asked).add("limit", pos.limit(n)).add("after", pos.after()).build()))
                    .map(page -> {
                        var slice = Cursors.slice(page, pos, n);
                        return new RewardConnection(slice.items().stream()
                                .map(i -> new RewardEdge(i.cursor(), i.node())).toList(), slice.pageInfo(), slice.totalCount());
                    });
        });
    }

    @Name("store")
    @Description("The reward's store (batched)")
    public Uni<List<Store>> rewardStore(@Source List<Reward> rewards) {
        return StoreBatch.load(survey, current, rewards.stream().map(Reward::storeId).toList());
    }

    @Mutation("approveReward")
    @Description("Approve a pending reward")
    @NonNull
    public Uni<Reward> approveReward(@NonNull @Id @Name("id") String id) {
        return rewardAction(id, "approve", Map.of());
    }

    @Mutation("rejectReward")
    @Description("Reject a reward as fraud, with a reason")
    @NonNull
    public Uni<Reward> rejectReward(@NonNull @Id @Name("id") String id, @NonNull @Name("reason") String reason) {
        return Resolve.run(ReferralClient.SERVICE, null, () -> {
            if (reason.isBlank() || reason.length() > 500) {
                throw BadUserInputException.of("reason", "must be 1–500 characters").unchecked();
            }
            return rewardAction(id, "reject", Map.of("reason", reason));
        });
    }

    @Mutation("issueReward")
    @Description("Mark an approved reward as issued")
    @NonNull
    public Uni<Reward> issueReward(@NonNull @Id @Name("id") String id) {
        return rewardAction(id, "issue", Map.of());
    }

    private Uni<Reward> rewardAction(String id, String action, Map<String, Object> body) {
        return Resolve.run(ReferralClient.SERVICE, null, () -> {
            Caller caller = current.get();
            if (!caller.isHq() && !caller.hasStoreRoleAtLeast(Role.STORE_MANAGER)) {
                throw new ForbiddenException("reward decisions need STORE_MANAGER or above, or HQ_ANALYST").unchecked();
            }
            Validate.id("id", id);
            return referral.rewardAction(caller.bearer(), id, action, body);
        });
    }
}
