package io.npsloop.analytics.coverage;

import io.npsloop.analytics.nps.NpsMath;
import io.npsloop.analytics.query.Dtos.Warning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The "easy customers only" pattern (issue 11 item 6): a store or advisor whose coverage (answered ÷ completed orders)
 * is significantly LOW against the rest of the chain while its NPS is at least the chain's.
 * <p>
 * Rule, per group g of one week: coverage c_g = A_g / O_g; the rest of the chain r = chain − g; pooled p = A / O of
 * the chain; z = (c_g − c_r) / √(p(1 − p)(1/O_g + 1/O_r)) (two-proportion z-test). Flagged when z ≤ {@code z} (−1.96),
 * O_g ≥ {@code minOrders}, responses n_g ≥ max(k-min, {@code minResponses}), and NPS_g ≥ NPS_chain + {@code npsMargin}.
 * Comparing with the rest, not the whole chain, keeps a big store from hiding in its own average.
 */
public final class CoverageRule {

    public static final String KIND = "COVERAGE_OUTLIER";
    public static final String STORE = "store";
    public static final String ADVISOR = "advisor";

    /** One group's week: completed orders, answered responses (with an invitation), and all responses' categories. */
    public record Group(String dimension, String segment, String storeId, long orders, long answered, long promoters,
                        long passives, long detractors) {
        long responses() {
            return promoters + passives + detractors;
        }
    }

    public record Params(double z, long minOrders, long minResponses, double npsMargin) {
    }

    private CoverageRule() {
    }

    /** Warnings for the groups that break the rule against {@code chain} (the whole chain's week), lowest z first. */
    public static List<Warning> outliers(List<Group> groups, Group chain, Params p) {
        List<Warning> out = new ArrayList<>();
        if (chain.orders() <= 0 || chain.responses() == 0) {
            return out;
        }
        double pooled = Math.min(1.0, (double) chain.answered() / chain.orders());
        double chainNps = NpsMath.figures(chain.promoters(), chain.passives(), chain.detractors()).nps();
        Double chainCoverage = NpsMath.share(chain.answered(), chain.orders());
        for (Group g : groups) {
            long restOrders = chain.orders() - g.orders();
            if (g.orders() < p.minOrders() || g.responses() < p.minResponses() || restOrders <= 0) {
                continue;
            }
            double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / g.orders() + 1.0 / restOrders));
            if (!(se > 0)) {
                continue;
            }
            double cg = (double) g.answered() / g.orders();
            double cr = (double) (chain.answered() - g.answered()) / restOrders;
            double z = (cg - cr) / se;
            double nps = NpsMath.figures(g.promoters(), g.passives(), g.detractors()).nps();
            if (z <= p.z() && nps >= chainNps + p.npsMargin()) {
                Double value = NpsMath.share(g.answered(), g.orders());
                String who = g.dimension().equals(ADVISOR) ? "advisor " + g.segment() + " (store " + g.storeId() + ")"
                        : "store " + g.segment();
                out.add(new Warning(KIND, g.dimension(), g.segment(),
                        "Coverage of " + who + " is " + value + " % (" + g.answered() + " of " + g.orders()
                                + " orders) against " + chainCoverage + " % for the chain (z = " + NpsMath.round(z, 2)
                                + ") while its NPS is " + NpsMath.round1(nps) + " (chain " + NpsMath.round1(chainNps)
                                + "): surveys may go to easy customers only",
                        value, chainCoverage, NpsMath.delta(value, chainCoverage), NpsMath.round(z, 2)));
            }
        }
        out.sort(Comparator.comparing(Warning::z).thenComparing(Warning::dimension).thenComparing(Warning::segment));
        return out;
    }
}
