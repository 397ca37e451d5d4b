package io.npsloop.analytics.rollup;

import java.util.Set;

/**
 * The ten segment attributes a rollup row is keyed by (besides day and store), with their column, their name in
 * events and query parameters, the dimension name of the API, and the allowed values (null = free code).
 */
public enum Attr {
    SERVICE_TYPE("service_type", "serviceType", Set.of("RESCUE", "MAINTENANCE", "REPAIR", "TYRE", "OTHER")),
    PAYMENT_TYPE("payment_type", "paymentType", Set.of("SELF_PAY", "WARRANTY", "INSURANCE")),
    VISIT_KIND("visit_kind", "visitKind", Set.of("FIRST_SERVICE", "ROUTINE", "REPEAT_REPAIR")),
    TENURE("tenure", "tenure", Set.of("NEW", "MID", "OLD")),
    LOCALITY("locality", "locality", Set.of("LOCAL", "NON_LOCAL")),
    SPEND_BAND("spend_band", "spendBand", Set.of("LOW", "MID", "HIGH")),
    AGE_BAND("age_band", "ageBand", null),
    GENDER("gender", "gender", null),
    OCCUPATION("occupation", "occupation", null),
    CHANNEL("channel", "channel", Set.of("LINK", "QR_IN_STORE", "IMPORT"));

    public static final Attr[] ALL = values();
    public static final int COUNT = ALL.length;

    private final String column;
    private final String param;
    private final Set<String> allowed;

    Attr(String column, String param, Set<String> allowed) {
        this.column = column;
        this.param = param;
        this.allowed = allowed;
    }

    public String column() {
        return column;
    }

    public String param() {
        return param;
    }

    /** Null for free codes. */
    public Set<String> allowed() {
        return allowed;
    }
}
