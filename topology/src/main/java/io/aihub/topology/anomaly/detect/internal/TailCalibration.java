package io.aihub.topology.anomaly.detect.internal;

import java.util.Arrays;

/**
 * Turns an outlier statistic (higher = more unusual: an isolation forest score, a log local outlier factor) into the
 * documented scale, "standard deviations from expected", by its rarity among reference values of the same statistic
 * (the forest's training rows, the window's points): a statistic as rare as a reading k standard deviations from the
 * mean of a normal distribution scores k.
 *
 * <ul>
 *   <li>The tail probability p of a statistic s: below the reference's 90th percentile u, the fraction of reference
 *       values {@code >= s}; above it, an exponential tail fitted to the exceedances (peaks over threshold: {@code p =
 *       P(ref >= u) * exp(-(s - u) / β)}, with β the median exceedance over ln 2, a robust estimate of the mean of an
 *       exponential), so rarer statistics than any reference value still get finite, growing scores.
 *   <li>The score is the two-sided normal deviate of p, {@code Φ⁻¹(1 - p / 2)}: p = 0.0027 scores 3, p = 1 scores 0.
 *       So on data like the reference, about 0.27% of readings score 3 or more, as with a z-score on normal data.
 * </ul>
 *
 * Mutable and reusable ({@link #fit} again); no allocation after construction.
 */
public final class TailCalibration {

    /** The reference quantile above which the tail is extrapolated. */
    public static final double TAIL_QUANTILE = 0.9;

    private final double[] sorted;
    private int n;
    private double threshold;
    private double logTailFraction;
    private double beta;

    public TailCalibration(int capacity) {
        sorted = new double[capacity];
    }

    /** Fits to {@code values[0, count)} (finite, not modified), at least 2. */
    public TailCalibration fit(double[] values, int count) {
        if (count < 2 || count > sorted.length) {
            throw new IllegalArgumentException("needs 2 to " + sorted.length + " reference values, got " + count);
        }
        System.arraycopy(values, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        n = count;
        double h = (n - 1) * TAIL_QUANTILE;
        int lo = (int) h;
        threshold = sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]);
        int first = SortedRanks.lowerBound(sorted, n, threshold);
        logTailFraction = Math.log((double) (n - first) / n);
        int above = SortedRanks.upperBound(sorted, n, threshold);
        int exceedances = n - above;
        double sum = 0;
        for (int i = above; i < n; i++) {
            sum += sorted[i] - threshold;
        }
        double typical = exceedances == 0 ? 0 : sum / exceedances;
        double spread = sorted[n - 1] - sorted[0];
        beta = typical > 0 ? typical : spread > 0 ? spread / n : Spread.FLOOR * Math.max(1, Math.abs(threshold));
        return this;
    }

    /** The median of the reference values. */
    public double median() {
        int mid = n >>> 1;
        return (n & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** How many reference values were fitted. */
    public int count() {
        return n;
    }

    /** The natural logarithm of the tail probability of a statistic (see the class comment). */
    public double logTailProbability(double statistic) {
        if (statistic > threshold) {
            return logTailFraction - (statistic - threshold) / beta;
        }
        return Math.log((double) (n - SortedRanks.lowerBound(sorted, n, statistic)) / n);
    }

    /** The statistic on the documented scale: the two-sided normal deviate of its tail probability, {@code >= 0}. */
    public double deviation(double statistic) {
        return NormalQuantiles.twoSidedDeviate(logTailProbability(statistic));
    }
}
