package io.npsloop.analytics.nps;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * All NPS arithmetic of the service (domain.md section 2), pure: counts in, figures out. Nothing else computes
 * an NPS, a share, an error or a test statistic.
 */
public final class NpsMath {

    /** 95 % two-sided normal quantile. */
    public static final double Z95 = 1.96;
    /** Fewest responses per side for a difference to be called significant or to raise a warning. */
    public static final int MIN_PER_SIDE = 30;

    private NpsMath() {
    }

    /** Category of a 0–10 score: 'P' promoter (9–10), 'N' passive (7–8), 'D' detractor (0–6). */
    public static char category(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("score must be 0..10: " + score);
        }
        return score >= 9 ? 'P' : score >= 7 ? 'N' : 'D';
    }

    /** The figures of one group; every double is unrounded, {@link #rounded()} gives the published ones. */
    public record Figures(long n, long promoters, long passives, long detractors, double nps, double se,
                          double intervalLow, double intervalHigh) {

        public boolean empty() {
            return n == 0;
        }

        public Double value() {
            return empty() ? null : round1(nps);
        }

        public Double promoterShare() {
            return share(promoters, n);
        }

        public Double passiveShare() {
            return share(passives, n);
        }

        public Double detractorShare() {
            return share(detractors, n);
        }

        public Double marginOfError() {
            return empty() ? null : round1(Z95 * se);
        }

        public Double low() {
            return empty() ? null : round1(intervalLow);
        }

        public Double high() {
            return empty() ? null : round1(intervalHigh);
        }
    }

    public static Figures figures(long promoters, long passives, long detractors) {
        if (promoters < 0 || passives < 0 || detractors < 0) {
            throw new IllegalArgumentException("negative count");
        }
        long n = promoters + passives + detractors;
        if (n == 0) {
            return new Figures(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double nps = nps(promoters, detractors, n);
        double se = se(promoters, detractors, n);
        // adjusted Wald: n + 3, three quarters added to promoters and to detractors
        double an = n + 3.0;
        double ap = promoters + 0.75;
        double ad = detractors + 0.75;
        double center = 100.0 * (ap - ad) / an;
        double ase = se(ap, ad, an);
        double low = Math.max(-100.0, center - Z95 * ase);
        double high = Math.min(100.0, center + Z95 * ase);
        return new Figures(n, promoters, passives, detractors, nps, se, low, high);
    }

    /** NPS = 100 (p − d), unrounded. */
    public static double nps(double promoters, double detractors, double n) {
        return 100.0 * (promoters - detractors) / n;
    }

    /** SE = 100 sqrt((p + d − (p − d)²) / n), with p, d the shares of n. */
    public static double se(double promoters, double detractors, double n) {
        double p = promoters / n;
        double d = detractors / n;
        double v = p + d - (p - d) * (p - d);
        return 100.0 * Math.sqrt(Math.max(0.0, v) / n);
    }

    /** z of the difference a − b of two independent NPS; 0 when both errors are 0; NaN when a side is empty. */
    public static double z(Figures a, Figures b) {
        if (a.empty() || b.empty()) {
            return Double.NaN;
        }
        double den = Math.sqrt(a.se() * a.se() + b.se() * b.se());
        double diff = a.nps() - b.nps();
        return den == 0 ? (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff)) : diff / den;
    }

    /** |z| ≥ 1.96 with at least 30 on each side; otherwise false. */
    public static boolean significant(double z, long nA, long nB) {
        return nA >= MIN_PER_SIDE && nB >= MIN_PER_SIDE && !Double.isNaN(z) && Math.abs(z) >= Z95;
    }

    /** Pooled two-proportion z of x1/n1 − x2/n2 (used for shares and rates); NaN when a side is empty. */
    public static double proportionZ(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double den = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return den == 0 ? 0 : (p1 - p2) / den;
    }

    /** Welch z of two means given count, sum and sum of squares; NaN when a side has fewer than 2 values. */
    public static double meanZ(long n1, double sum1, double sq1, long n2, double sum2, double sq2) {
        if (n1 < 2 || n2 < 2) {
            return Double.NaN;
        }
        double m1 = sum1 / n1;
        double m2 = sum2 / n2;
        double v1 = Math.max(0, (sq1 - n1 * m1 * m1) / (n1 - 1));
        double v2 = Math.max(0, (sq2 - n2 * m2 * m2) / (n2 - 1));
        double den = Math.sqrt(v1 / n1 + v2 / n2);
        return den == 0 ? 0 : (m1 - m2) / den;
    }

    /** Pearson correlation from the sums; null with fewer than 2 pairs or no variance on a side. */
    public static Double pearson(long n, double sx, double sxx, double sy, double syy, double sxy) {
        if (n < 2) {
            return null;
        }
        double cov = n * sxy - sx * sy;
        double vx = n * sxx - sx * sx;
        double vy = n * syy - sy * sy;
        if (vx <= 0 || vy <= 0) {
            return null;
        }
        return round(cov / Math.sqrt(vx * vy), 3);
    }

    /** part ÷ whole in percent, one decimal; null when whole is 0. */
    public static Double share(long part, long whole) {
        return whole == 0 ? null : round1(100.0 * part / whole);
    }

    /** Mean, one decimal; null when n is 0. */
    public static Double mean(double sum, long n) {
        return n == 0 ? null : round1(sum / n);
    }

    /** Growth of a count in percent ((cur − prev) ÷ prev), one decimal; null when prev is 0. */
    public static Double growth(long current, long previous) {
        return previous == 0 ? null : round1(100.0 * (current - previous) / previous);
    }

    /** Difference of two published figures, one decimal; null when either is null. */
    public static Double delta(Double value, Double previous) {
        return value == null || previous == null ? null : round1(value - previous);
    }

    /** Half-up to one decimal (−12.25 → −12.3, 12.25 → 12.3), via the decimal representation. */
    public static double round1(double x) {
        return round(x, 1);
    }

    public static double round(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("not a finite number: " + x);
        }
        double r = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        return r == 0 ? 0.0 : r; // no −0.0
    }
}
