package io.npsloop.survey.recovery;

import io.npsloop.problem.ProblemException;
import io.npsloop.survey.security.Caller;
import io.npsloop.survey.security.Roles;

import java.util.List;
import java.util.Set;

/**
 * A snapshot of the verified caller and the recovery visibility rules (documented in the README):
 * <ul>
 * <li>cases and passives are listed by STORE_MANAGER and above at their stores, REGION_MANAGER in its regions and
 *     HQ_ANALYST; SERVICE_ADVISOR may not list or read them at all (403) — so no advisor learns which customer gave
 *     which score;</li>
 * <li>name/phone (and the raw comment) only to a store role at the case's store ranked at or above the case's
 *     current owner role, to REGION_MANAGER for stores of its regions, and to HQ_ANALYST;</li>
 * <li>writes by a store role at the case's store ranked at or above the owner (GM follow-up: GENERAL_MANAGER).</li>
 * </ul>
 */
public record Who(String sub, Set<String> roles, Set<String> stores, Set<String> regions) {

    public static Who of(Caller c) {
        return new Who(c.sub(), Set.copyOf(c.roles()), Set.copyOf(c.stores()), Set.copyOf(c.regions()));
    }

    public boolean hq() {
        return roles.contains(Roles.HQ_ANALYST);
    }

    public boolean regionManager() {
        return roles.contains(Roles.REGION_MANAGER);
    }

    /** Highest store-role rank (-1 without one). */
    public int storeRank() {
        return roles.stream().mapToInt(Ladder::rank).max().orElse(-1);
    }

    public boolean mayList() {
        return hq() || regionManager() || storeRank() >= Ladder.rank(Roles.STORE_MANAGER);
    }

    public void requireList() {
        if (!mayList()) {
            throw ProblemException.forbidden("Recovery cases and passives are for store managers and above, "
                    + "region managers and HQ.");
        }
    }

    public boolean maySee(String storeId, String regionId) {
        return hq() || (regionManager() && regionId != null && regions.contains(regionId))
                || (storeRank() >= Ladder.rank(Roles.STORE_MANAGER) && stores.contains(storeId));
    }

    public boolean mayContact(String storeId, String regionId, String ownerRole) {
        return hq() || (regionManager() && regionId != null && regions.contains(regionId))
                || (stores.contains(storeId) && storeRank() >= Math.max(Ladder.rank(ownerRole), Ladder.rank(Roles.STORE_MANAGER)));
    }

    public boolean mayAct(String storeId, String requiredRole) {
        return stores.contains(storeId) && storeRank() >= Math.max(Ladder.rank(requiredRole), Ladder.rank(Roles.STORE_MANAGER));
    }

    /** Store ids the caller's store roles cover (null for HQ: everything). */
    public List<String> storeScope() {
        return storeRank() >= Ladder.rank(Roles.STORE_MANAGER) ? List.copyOf(stores) : List.of();
    }

    public List<String> regionScope() {
        return regionManager() ? List.copyOf(regions) : List.of();
    }
}
