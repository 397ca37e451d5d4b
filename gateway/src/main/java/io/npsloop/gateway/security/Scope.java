package io.npsloop.gateway.security;

import io.npsloop.gateway.client.SurveyClient;
import io.npsloop.gateway.error.ForbiddenException;
import io.npsloop.gateway.model.Store;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's own store-scope check, done before anything is asked downstream (the services check again).
 * <ul>
 * <li>store roles: only their {@code stores}; no store asked → all of theirs;</li>
 * <li>REGION_MANAGER: only their {@code regions}; asked stores are looked up (one bulk call) and must lie in them;</li>
 * <li>HQ_ANALYST: everything.</li>
 * </ul>
 */
@ApplicationScoped
public class Scope {

    private final SurveyClient survey;

    Scope(SurveyClient survey) {
        this.survey = survey;
    }

    /** Effective filter of stores and regions for this caller. */
    public record Stores(List<String> storeIds, List<String> regionIds) {
    }

    public Uni<Stores> resolve(Caller caller, List<String> storeIds, List<String> regionIds) {
        List<String> stores = storeIds == null ? List.of() : storeIds;
        List<String> regions = regionIds == null ? List.of() : regionIds;
        if (caller.isHq()) {
            return Uni.createFrom().item(new Stores(stores, regions));
        }
        if (caller.isRegionManager()) {
            List<String> outside = regions.stream().filter(r -> !caller.regions().contains(r)).toList();
            if (!outside.isEmpty()) {
                return Uni.createFrom().failure(new ForbiddenException("regions outside your scope: " + outside));
            }
            List<String> effectiveRegions = regions.isEmpty() ? caller.regions().stream().sorted().toList() : regions;
            List<String> notHeld = stores.stream().filter(s -> !caller.stores().contains(s)).toList();
            if (notHeld.isEmpty()) {
                return Uni.createFrom().item(new Stores(stores, effectiveRegions));
            }
            return survey.storesByIds(caller.bearer(), notHeld).map(page -> {
                List<String> bad = new ArrayList<>(notHeld);
                for (Store s : page.items()) {
                    if (s != null && s.regionId() != null && caller.regions().contains(s.regionId())) {
                        bad.remove(s.id());
                    }
                }
                if (!bad.isEmpty()) {
                    throw new ForbiddenException("stores outside your regions: " + bad).unchecked();
                }
                return new Stores(stores, regions);
            });
        }
        if (caller.storeRank() >= 0) {
            if (caller.stores().isEmpty()) {
                return Uni.createFrom().failure(new ForbiddenException("your token names no store"));
            }
            List<String> outside = stores.stream().filter(s -> !caller.stores().contains(s)).toList();
            if (!outside.isEmpty()) {
                return Uni.createFrom().failure(new ForbiddenException("stores outside your scope: " + outside));
            }
            return Uni.createFrom().item(new Stores(stores.isEmpty() ? caller.storeList() : stores, regions));
        }
        return Uni.createFrom().failure(new ForbiddenException("this operation needs one of the roles " + Role.USER_ROLES));
    }

    /** Whether a single object's store is within this caller's scope (region managers: by the store's region). */
    public Uni<Boolean> covers(Caller caller, String storeId) {
        if (caller.isHq() || caller.stores().contains(storeId)) {
            return Uni.createFrom().item(true);
        }
        if (caller.isRegionManager()) {
            return survey.store(caller.bearer(), storeId)
                    .map(s -> s != null && s.regionId() != null && caller.regions().contains(s.regionId()));
        }
        return Uni.createFrom().item(false);
    }
}
