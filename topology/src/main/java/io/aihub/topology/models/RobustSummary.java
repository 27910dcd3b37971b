package io.aihub.topology.models;

import java.util.Arrays;

/**
 * Median and spread of a set of training values, to express a new value as a robust z-score.
 *
 * <p>{@link #robustZ} divides the distance to the median by {@code 1.4826 * mad} (the MAD scaled to a normal
 * standard deviation). When the MAD is 0 (more than half of the values equal), it falls back to {@code 1.2533 *
 * meanAbsDeviation} (the same scaling for the mean absolute deviation from the median); when that is 0 too (all
 * values equal), to a floor of {@code 1e-9 * max(1, |median|)}, so any departure from a constant is a very large but
 * finite z. With no values ({@code count == 0}) every statistic is NaN and so is every z.
 *
 * @param median the median of the values
 * @param mad the median absolute deviation from the median
 * @param meanAbsDeviation the mean absolute deviation from the median
 * @param count how many values
 */
public record RobustSummary(double median, double mad, double meanAbsDeviation, long count) {

    /** Scales a MAD to the standard deviation of a normal distribution. */
    public static final double MAD_TO_SIGMA = 1.4826;
    /** Scales a mean absolute deviation to the standard deviation of a normal distribution (sqrt(pi / 2)). */
    public static final double MEAN_AD_TO_SIGMA = 1.2533;

    private static final double FLOOR = 1e-9;
    private static final RobustSummary EMPTY = new RobustSummary(Double.NaN, Double.NaN, Double.NaN, 0);

    public RobustSummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (count > 0 && !(Double.isFinite(median) && mad >= 0 && meanAbsDeviation >= 0)) {
            throw new IllegalArgumentException("a summary of " + count + " values needs a finite median and"
                    + " non-negative spreads, was median=" + median + ", mad=" + mad + ", meanAbsDeviation="
                    + meanAbsDeviation);
        }
    }

    /** The summary of no values: every statistic NaN. */
    public static RobustSummary empty() {
        return EMPTY;
    }

    /** Summarises finite values (the array is not modified). */
    public static RobustSummary of(double[] values) {
        return of(values, 0, values.length);
    }

    /** Summarises {@code values[from, to)} (the array is not modified). */
    public static RobustSummary of(double[] values, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EMPTY;
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[n - 1])) {
            throw new IllegalArgumentException("values must be finite");
        }
        double median = sortedMedian(sorted);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sorted[i] = Math.abs(sorted[i] - median);
            sum += sorted[i];
        }
        Arrays.sort(sorted);
        return new RobustSummary(median, sortedMedian(sorted), sum / n, n);
    }

    /** The scale that {@link #robustZ} divides by (see the class comment); NaN when empty. */
    public double scale() {
        if (mad > 0) {
            return MAD_TO_SIGMA * mad;
        }
        if (meanAbsDeviation > 0) {
            return MEAN_AD_TO_SIGMA * meanAbsDeviation;
        }
        return count == 0 ? Double.NaN : FLOOR * Math.max(1, Math.abs(median));
    }

    /** {@code (value - median) / scale()}: how many robust standard deviations the value is from the median. */
    public double robustZ(double value) {
        return (value - median) / scale();
    }

    private static double sortedMedian(double[] sorted) {
        int n = sorted.length;
        int mid = n >>> 1;
        return (n & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
