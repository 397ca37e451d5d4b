package io.npsloop.survey.response;

/** The pure arithmetic of the three data-authenticity rules (thresholds from configuration). */
public final class AuthenticityRules {

    public static final String SHARED_DEVICE = "SHARED_DEVICE";
    public static final String STORE_NETWORK_SOON = "STORE_NETWORK_SOON";
    public static final String ADVISOR_TEN_OUTLIER = "ADVISOR_TEN_OUTLIER";

    private AuthenticityRules() {
    }

    /** One device/network answered for at least {@code threshold} different customers (this one included). */
    public static boolean sharedDevice(long distinctCustomersIncludingThis, int threshold) {
        return distinctCustomersIncludingThis >= threshold;
    }

    /** Answered from a store network within the window after closing. */
    public static boolean storeNetworkSoon(boolean fromStoreNetwork, long secondsSinceClose, long windowSeconds) {
        return fromStoreNetwork && secondsSinceClose >= 0 && secondsSinceClose <= windowSeconds;
    }

    /**
     * z of the advisor's share of 10s against the rest of the chain (two-proportion z with the pooled share); NaN
     * when either side is empty or there is no variance.
     */
    public static double advisorTenZ(long advisorTens, long advisorN, long chainTens, long chainN) {
        long restN = chainN - advisorN;
        long restTens = chainTens - advisorTens;
        if (advisorN == 0 || restN <= 0) {
            return Double.NaN;
        }
        double pa = (double) advisorTens / advisorN;
        double pr = (double) restTens / restN;
        double pooled = (double) chainTens / chainN;
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / advisorN + 1.0 / restN));
        return se == 0 ? Double.NaN : (pa - pr) / se;
    }

    public static boolean advisorTenOutlier(long advisorTens, long advisorN, long chainTens, long chainN,
                                            int minResponses, double zThreshold) {
        if (advisorN < minResponses) {
            return false;
        }
        double z = advisorTenZ(advisorTens, advisorN, chainTens, chainN);
        return !Double.isNaN(z) && z >= zThreshold;
    }
}
