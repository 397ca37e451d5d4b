package io.npsloop.survey.security;

import io.npsloop.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The verified caller of this request: JWT {@code sub}, {@code groups}, {@code stores}, {@code regions}, and the
 * scope checks every endpoint applies itself (the gateway forwards the end user's token).
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    public boolean anonymous() {
        return identity == null || identity.isAnonymous();
    }

    public String sub() {
        return anonymous() ? null : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return anonymous() ? Set.of() : identity.getRoles();
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean hasAny(String... roles) {
        for (String r : roles) {
            if (has(r)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> stores() {
        return claimSet("stores");
    }

    public Set<String> regions() {
        return claimSet("regions");
    }

    /** HQ, our own services and the order system see every store. */
    public boolean allStores() {
        return hasAny(Roles.HQ_ANALYST, Roles.SERVICE, Roles.INTEGRATION);
    }

    public boolean hasStoreRole() {
        return Roles.STORE_ROLES.stream().anyMatch(this::has);
    }

    /** May this caller see the store (by its id and its region)? */
    public boolean canSee(String storeId, String regionId) {
        if (allStores()) {
            return true;
        }
        if (has(Roles.REGION_MANAGER) && regionId != null && regions().contains(regionId)) {
            return true;
        }
        return hasStoreRole() && stores().contains(storeId);
    }

    public void require(String... anyOf) {
        if (!hasAny(anyOf)) {
            throw ProblemException.forbidden("This operation needs one of the roles " + String.join(", ", anyOf) + ".");
        }
    }

    private Set<String> claimSet(String claim) {
        if (anonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Set.of();
        }
        Object value = jwt.getClaim(claim);
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(unquote(String.valueOf(v))));
        } else if (value instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> out.add(unquote(v.toString())));
        } else if (value != null) {
            out.add(unquote(value.toString()));
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
