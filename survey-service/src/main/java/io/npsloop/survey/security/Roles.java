package io.npsloop.survey.security;

import java.util.List;

/** The suite's roles (JWT {@code groups}). */
public final class Roles {
    public static final String SERVICE_ADVISOR = "SERVICE_ADVISOR";
    public static final String STORE_MANAGER = "STORE_MANAGER";
    public static final String TECHNICAL_DIRECTOR = "TECHNICAL_DIRECTOR";
    public static final String SERVICE_DIRECTOR = "SERVICE_DIRECTOR";
    public static final String GENERAL_MANAGER = "GENERAL_MANAGER";
    public static final String REGION_MANAGER = "REGION_MANAGER";
    public static final String HQ_ANALYST = "HQ_ANALYST";
    public static final String INTEGRATION = "INTEGRATION";
    public static final String SERVICE = "SERVICE";

    /** Store roles, lowest first. */
    public static final List<String> STORE_ROLES =
            List.of(SERVICE_ADVISOR, STORE_MANAGER, TECHNICAL_DIRECTOR, SERVICE_DIRECTOR, GENERAL_MANAGER);

    private Roles() {
    }
}
