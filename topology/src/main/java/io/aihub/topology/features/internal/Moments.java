package io.aihub.topology.features.internal;

/**
 * Count, mean, sample standard deviation, min and max of a stream of values, accumulated with a shift (the first
 * value) to limit cancellation. Mutable and reusable: {@link #reset()} between uses.
 */
public final class Moments {

    private long n;
    private double shift;
    private double s1;
    private double s2;
    private double min;
    private double max;

    public Moments reset() {
        n = 0;
        s1 = 0;
        s2 = 0;
        min = Double.NaN;
        max = Double.NaN;
        return this;
    }

    public Moments() {
        reset();
    }

    public void add(double x) {
        if (n == 0) {
            shift = x;
            min = x;
            max = x;
        } else {
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
        }
        double d = x - shift;
        s1 += d;
        s2 += d * d;
        n++;
    }

    public long count() {
        return n;
    }

    /** Mean, NaN when empty. */
    public double avg() {
        return n == 0 ? Double.NaN : shift + s1 / n;
    }

    /** Sample standard deviation (n-1), NaN when fewer than two values. */
    public double std() {
        return sampleStd(n, s1, s2);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Sample standard deviation from the count and the sums of shifted values and their squares. */
    public static double sampleStd(long n, double s1, double s2) {
        if (n < 2) {
            return Double.NaN;
        }
        double var = (s2 - s1 * s1 / n) / (n - 1);
        return var <= 0 ? 0.0 : Math.sqrt(var);
    }
}
