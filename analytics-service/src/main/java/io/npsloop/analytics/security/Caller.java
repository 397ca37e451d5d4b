package io.npsloop.analytics.security;

import io.npsloop.problem.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The verified caller and its scope: HQ (and SERVICE) all stores, REGION_MANAGER its regions, store roles their stores. */
public record Caller(String subject, Set<String> roles, Set<String> stores, Set<String> regions) {

    public static final Set<String> STORE_ROLES = Set.of("SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR",
            "SERVICE_DIRECTOR", "GENERAL_MANAGER");

    public static Caller of(JsonWebToken jwt) {
        return new Caller(jwt.getSubject(), jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()),
                strings(jwt.getClaim("stores")), strings(jwt.getClaim("regions")));
    }

    public boolean allStores() {
        return roles.contains("HQ_ANALYST") || roles.contains("SERVICE");
    }

    public boolean regional() {
        return !allStores() && roles.contains("REGION_MANAGER");
    }

    /** Roles below store manager see no group smaller than k-min. */
    public boolean suppressedBelowKMin() {
        return !allStores() && !regional() && roles.contains("SERVICE_ADVISOR")
                && roles.stream().noneMatch(r -> STORE_ROLES.contains(r) && !r.equals("SERVICE_ADVISOR"));
    }

    /**
     * The stores a query may cover, narrowed by the storeId and regionId filters (OR within a filter, AND across);
     * null = every store. A filter naming a store or region outside the caller's scope is refused (403).
     */
    public List<String> effectiveStores(List<String> storeIds, List<String> regionIds, Map<String, String> storeRegion) {
        Set<String> scope;
        if (allStores()) {
            scope = null;
        } else if (regional()) {
            scope = storeRegion.entrySet().stream().filter(e -> e.getValue() != null && regions.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        } else {
            scope = stores;
        }
        for (String s : storeIds) {
            if (scope != null && !scope.contains(s)) {
                throw ProblemException.forbidden("storeId " + s + " is outside your scope");
            }
        }
        for (String r : regionIds) {
            boolean ok = allStores() || (regional() ? regions.contains(r)
                    : stores.stream().anyMatch(s -> r.equals(storeRegion.get(s))));
            if (!ok) {
                throw ProblemException.forbidden("regionId " + r + " is outside your scope");
            }
        }
        Set<String> eff = scope == null ? null : new HashSet<>(scope);
        if (!storeIds.isEmpty()) {
            eff = new HashSet<>(storeIds);
        }
        if (!regionIds.isEmpty()) {
            Set<String> inRegions = storeRegion.entrySet().stream()
                    .filter(e -> e.getValue() != null && regionIds.contains(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            if (eff == null) {
                eff = inRegions;
            } else {
                eff.retainAll(inRegions);
            }
        }
        return eff == null ? null : eff.stream().sorted().toList();
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new HashSet<>();
        if (claim instanceof JsonArray a) {
            a.forEach(v -> out.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
        } else if (claim instanceof String s) {
            out.add(s);
        }
        return out;
    }
}
