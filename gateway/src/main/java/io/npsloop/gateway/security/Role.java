package io.npsloop.gateway.security;

import java.util.List;

/** Roles of the suite (contracts.md). Store roles are ordered from low to high. */
public final class Role {

    public static final String SERVICE_ADVISOR = "SERVICE_ADVISOR";
    public static final String STORE_MANAGER = "STORE_MANAGER";
    public static final String TECHNICAL_DIRECTOR = "TECHNICAL_DIRECTOR";
    public static final String SERVICE_DIRECTOR = "SERVICE_DIRECTOR";
    public static final String GENERAL_MANAGER = "GENERAL_MANAGER";
    public static final String REGION_MANAGER = "REGION_MANAGER";
    public static final String HQ_ANALYST = "HQ_ANALYST";

    /** Store roles, lowest first. */
    public static final List<String> STORE_ROLES = List.of(SERVICE_ADVISOR, STORE_MANAGER, TECHNICAL_DIRECTOR,
            SERVICE_DIRECTOR, GENERAL_MANAGER);

    /** Every human role the dashboard serves. */
    public static final List<String> USER_ROLES = List.of(SERVICE_ADVISOR, STORE_MANAGER, TECHNICAL_DIRECTOR,
            SERVICE_DIRECTOR, GENERAL_MANAGER, REGION_MANAGER, HQ_ANALYST);

    private Role() {
    }

    /** Rank of a store role (0 = advisor), -1 when not a store role. */
    public static int storeRank(String role) {
        return STORE_ROLES.indexOf(role);
    }
}
