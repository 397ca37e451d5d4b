package io.npsloop.referral.security;

import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The verified caller: JWT sub, groups, stores, regions, and the scope checks every resource applies. */
public record Caller(String sub, Set<String> groups, Set<String> stores, Set<String> regions) {

    /** Store roles from low to high. */
    public static final List<String> STORE_ROLES = List.of(
            "SERVICE_ADVISOR", "STORE_MANAGER", "TECHNICAL_DIRECTOR", "SERVICE_DIRECTOR", "GENERAL_MANAGER");

    public static Caller of(JsonWebToken jwt) {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new ProblemException(Problem.of(401, "unauthenticated", "Unauthorized",
                    "A valid bearer token is required."));
        }
        return new Caller(jwt.getSubject(), Set.copyOf(jwt.getGroups()), claimSet(jwt, "stores"), claimSet(jwt, "regions"));
    }

    private static Set<String> claimSet(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v instanceof Collection<?> c) {
            return c.stream().map(o -> o.toString().replace("\"", "")).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        if (v instanceof jakarta.json.JsonArray a) {
            return a.stream().map(j -> j instanceof jakarta.json.JsonString s ? s.getString() : j.toString())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public boolean has(String role) {
        return groups.contains(role);
    }

    public boolean isHq() {
        return has("HQ_ANALYST");
    }

    /** Holds a store role at least {@code minimum} and the store is among its {@code stores}. */
    public boolean storeRoleAtLeast(String minimum, String storeId) {
        int min = STORE_ROLES.indexOf(minimum);
        boolean roleOk = groups.stream().anyMatch(g -> STORE_ROLES.indexOf(g) >= min);
        return roleOk && storeId != null && stores.contains(storeId);
    }

    public boolean hasStoreRoleAtLeast(String minimum) {
        int min = STORE_ROLES.indexOf(minimum);
        return groups.stream().anyMatch(g -> STORE_ROLES.indexOf(g) >= min);
    }

    public boolean regionManagerOf(String regionId) {
        return has("REGION_MANAGER") && regionId != null && regions.contains(regionId);
    }

    public ProblemException forbidden() {
        return ProblemException.forbidden("Your role or scope does not cover this.");
    }
}
