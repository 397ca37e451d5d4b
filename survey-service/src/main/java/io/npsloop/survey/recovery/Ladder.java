package io.npsloop.survey.recovery;

import io.npsloop.survey.security.Roles;

import java.util.List;

/** The store role ladder, the severity matrix and the escalation step. Pure. */
public final class Ladder {

    public static final List<String> STAGES = List.of("FIRST_CONTACT", "ANALYSIS", "REMEDY", "GM_FOLLOW_UP", "DONE");

    private Ladder() {
    }

    /** Rank of a store role (SERVICE_ADVISOR 0 … GENERAL_MANAGER 4), -1 for any other role. */
    public static int rank(String role) {
        return Roles.STORE_ROLES.indexOf(role);
    }

    /** The role a missed deadline escalates to: one step up, capped at GENERAL_MANAGER. */
    public static String next(String role) {
        int r = rank(role);
        return r < 0 || r + 1 >= Roles.STORE_ROLES.size() ? Roles.GENERAL_MANAGER : Roles.STORE_ROLES.get(r + 1);
    }

    /** Severity matrix: technical × one → store manager, × many → technical director; attitude × one → service
     *  director, × many → general manager. */
    public static String owner(String problemType, String scope) {
        boolean many = "MULTIPLE".equals(scope);
        if ("TECHNICAL".equals(problemType)) {
            return many ? Roles.TECHNICAL_DIRECTOR : Roles.STORE_MANAGER;
        }
        return many ? Roles.GENERAL_MANAGER : Roles.SERVICE_DIRECTOR;
    }

    public static String higher(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    public static String nextStage(String stage) {
        int i = STAGES.indexOf(stage);
        return STAGES.get(Math.min(i + 1, STAGES.size() - 1));
    }
}
