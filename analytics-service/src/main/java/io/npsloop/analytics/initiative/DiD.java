package io.npsloop.analytics.initiative;

import io.npsloop.analytics.nps.NpsMath;

/**
 * Difference in differences of NPS: (treated after − treated before) − (control after − control before). The four
 * groups are independent samples, so SE = sqrt(SE_tb² + SE_ta² + SE_cb² + SE_ca²) (domain.md section 2 SEs);
 * 95 % interval = lift ± 1.96 SE; significant at |z| ≥ 1.96 with at least 30 responses in every group.
 */
public record DiD(double lift, double se, double low, double high, double z, boolean significant, boolean enoughData) {

    /** Null when a group has no responses. */
    public static DiD of(NpsMath.Figures treatedBefore, NpsMath.Figures treatedAfter,
                         NpsMath.Figures controlBefore, NpsMath.Figures controlAfter) {
        if (treatedBefore.empty() || treatedAfter.empty() || controlBefore.empty() || controlAfter.empty()) {
            return null;
        }
        double lift = (treatedAfter.nps() - treatedBefore.nps()) - (controlAfter.nps() - controlBefore.nps());
        double se = Math.sqrt(sq(treatedBefore.se()) + sq(treatedAfter.se()) + sq(controlBefore.se()) + sq(controlAfter.se()));
        double z = se == 0 ? (lift == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, lift)) : lift / se;
        boolean enough = treatedBefore.n() >= NpsMath.MIN_PER_SIDE && treatedAfter.n() >= NpsMath.MIN_PER_SIDE
                && controlBefore.n() >= NpsMath.MIN_PER_SIDE && controlAfter.n() >= NpsMath.MIN_PER_SIDE;
        return new DiD(lift, se, lift - NpsMath.Z95 * se, lift + NpsMath.Z95 * se, z,
                enough && Math.abs(z) >= NpsMath.Z95, enough);
    }

    private static double sq(double x) {
        return x * x;
    }
}
