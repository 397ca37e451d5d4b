package io.npsloop.gateway.security;

import io.npsloop.gateway.error.ForbiddenException;

import java.util.List;
import java.util.Set;

/**
 * The verified caller of one GraphQL request: JWT {@code sub}, roles ({@code groups}), {@code stores}, {@code regions},
 * and the raw token that is forwarded to the services (which enforce the same scope themselves).
 */
public record Caller(String subject, Set<String> roles, Set<String> stores, Set<String> regions, String rawToken) {

    public String bearer() {
        return "Bearer " + rawToken;
    }

    public boolean isHq() {
        return roles.contains(Role.HQ_ANALYST);
    }

    public boolean isRegionManager() {
        return roles.contains(Role.REGION_MANAGER);
    }

    /** Highest store role rank held (-1 if none). */
    public int storeRank() {
        return roles.stream().mapToInt(Role::storeRank).max().orElse(-1);
    }

    public boolean hasStoreRoleAtLeast(String role) {
        return storeRank() >= Role.storeRank(role);
    }

    /** Store managers and above, region managers and HQ: who may see individual cases, passives, promoters… */
    public boolean isManager() {
        return isHq() || isRegionManager() || hasStoreRoleAtLeast(Role.STORE_MANAGER);
    }

    public void requireUser() {
        if (roles.stream().noneMatch(Role.USER_ROLES::contains)) {
            throw new ForbiddenException("this operation needs one of the roles " + Role.USER_ROLES).unchecked();
        }
    }

    public void requireManager(String what) {
        requireUser();
        if (!isManager()) {
            throw new ForbiddenException(what + " needs STORE_MANAGER or above, REGION_MANAGER or HQ_ANALYST").unchecked();
        }
    }

    /** Store-level actions (the SOP steps, passives): a store role at or above {@code min}, at one of its stores. */
    public void requireStoreRole(String min, String what) {
        if (!hasStoreRoleAtLeast(min)) {
            throw new ForbiddenException(what + " needs the store role " + min + " or above").unchecked();
        }
    }

    /** Whether this caller's stores claim covers a store (HQ covers all; region managers are checked by region). */
    public boolean holdsStore(String storeId) {
        return isHq() || stores.contains(storeId);
    }

    public List<String> storeList() {
        return stores.stream().sorted().toList();
    }
}
