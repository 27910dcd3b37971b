package io.aihub.topology.forecast.internal;

import java.util.Arrays;

/**
 * Timestamped values with prefix sums, so the mean and standard deviation of any time window are O(log n) (two
 * binary searches). Sums are taken of {@code value - value[0]} to keep the squares' cancellation small.
 */
public final class SeriesIndex {

    private final long[] times;
    private final double[] values;
    private final double[] sum;
    private final double[] sumSquares;
    private final double offset;

    /** Wraps the arrays (not copied): strictly increasing times, finite values. */
    public SeriesIndex(long[] times, double[] values) {
        this.times = times;
        this.values = values;
        this.offset = values.length == 0 ? 0 : values[0];
        this.sum = new double[values.length + 1];
        this.sumSquares = new double[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            double v = values[i] - offset;
            sum[i + 1] = sum[i] + v;
            sumSquares[i + 1] = sumSquares[i] + v * v;
        }
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** The index of the last value at or before {@code t}, or -1 if none. */
    public int lastAtOrBefore(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 2;
    }

    /** The time of value {@code i}, epoch milliseconds. */
    public long time(int i) {
        return times[i];
    }

    /** Value {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /** The index of the value exactly at {@code t}, or -1. */
    public int exactly(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -1;
    }

    /** The last value at or before {@code t}, never past index {@code last}; NaN if none. */
    public double valueAtOrBefore(long t, int last) {
        int i = Math.min(lastAtOrBefore(t), last);
        return i < 0 ? Double.NaN : values[i];
    }

    /** The mean of the values in {@code (to - span, to]}, where {@code to} is the time of index {@code last}. */
    public double mean(int last, long spanMillis) {
        int first = lastAtOrBefore(times[last] - spanMillis) + 1;
        int n = last + 1 - first;
        return offset + (sum[last + 1] - sum[first]) / n;
    }

    /** The population standard deviation of the values in {@code (to - span, to]} (see {@link #mean}). */
    public double std(int last, long spanMillis) {
        int first = lastAtOrBefore(times[last] - spanMillis) + 1;
        int n = last + 1 - first;
        double m = (sum[last + 1] - sum[first]) / n;
        double variance = (sumSquares[last + 1] - sumSquares[first]) / n - m * m;
        return Math.sqrt(Math.max(0, variance));
    }

    /** The median spacing of consecutive times (the series' resolution), or 0 with fewer than two values. */
    public long medianStepMillis() {
        if (times.length < 2) {
            return 0;
        }
        long[] steps = new long[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            steps[i - 1] = times[i] - times[i - 1];
        }
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }
}
