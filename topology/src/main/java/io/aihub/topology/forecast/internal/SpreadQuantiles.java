package io.aihub.topology.forecast.internal;

import java.util.Arrays;

/**
 * The empirical 10th, 50th and 90th percentiles of forecast errors (linear interpolation between order statistics,
 * Hyndman-Fan type 7), and their widening with the lead: errors measured one day ahead are multiplied by {@code
 * sqrt(d)} for a target {@code d} days ahead (d = ceil(lead / 24 h)), as for a random walk of daily steps.
 *
 * @param e10 the 10th percentile of the errors
 * @param e50 the median error
 * @param e90 the 90th percentile of the errors
 */
public record SpreadQuantiles(double e10, double e50, double e90) {

    private static final long DAY = 86_400_000L;

    /** The percentiles of {@code errors[0, n)} (the array is sorted in place); all 0 when {@code n == 0}. */
    public static SpreadQuantiles of(double[] errors, int n) {
        if (n == 0) {
            return new SpreadQuantiles(0, 0, 0);
        }
        Arrays.sort(errors, 0, n);
        return new SpreadQuantiles(quantile(errors, n, 0.1), quantile(errors, n, 0.5), quantile(errors, n, 0.9));
    }

    /** The widening factor for a lead: {@code sqrt(ceil(lead / 24 h))}. */
    public static double widening(long leadMillis) {
        return Math.sqrt(Math.max(1, Math.ceilDiv(leadMillis, DAY)));
    }

    static double quantile(double[] sorted, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
