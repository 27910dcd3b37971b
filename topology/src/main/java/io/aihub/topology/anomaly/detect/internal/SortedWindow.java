package io.aihub.topology.anomaly.detect.internal;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream, both in arrival order (a {@link DoubleRing}) and sorted, so that
 * quantiles are exact and cost O(1), and the median absolute deviation O(n) without sorting again. An append costs
 * O(n) (a binary search and an array copy); no allocation after construction.
 *
 * <p>The sorted copy is a function of the values held only, so a window rebuilt from its values (in arrival order)
 * answers exactly as the original did.
 */
public final class SortedWindow {

    private final DoubleRing ring;
    private final double[] sorted;

    public SortedWindow(int capacity) {
        ring = new DoubleRing(capacity);
        sorted = new double[capacity];
    }

    public int capacity() {
        return ring.capacity();
    }

    public int size() {
        return ring.size();
    }

    /** The ring of values in arrival order (read it, do not add to it). */
    public DoubleRing values() {
        return ring;
    }

    /** Appends a finite value, dropping the oldest when full. */
    public void add(double value) {
        double v = value + 0.0; // -0.0 -> 0.0: one zero, so that removal finds what insertion put
        int n = ring.size();
        double evicted = ring.add(v);
        if (!Double.isNaN(evicted)) {
            int at = Arrays.binarySearch(sorted, 0, n, evicted);
            System.arraycopy(sorted, at + 1, sorted, at, n - at - 1);
            n--;
        }
        int at = Arrays.binarySearch(sorted, 0, n, v);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, n - at);
        sorted[at] = v;
    }

    /** The i-th smallest value, 0-based. */
    public double sorted(int i) {
        if (i < 0 || i >= ring.size()) {
            throw new IndexOutOfBoundsException("rank " + i + " of a window holding " + ring.size());
        }
        return sorted[i];
    }

    /**
     * The p-quantile by linear interpolation between order statistics (Hyndman and Fan's type 7, the default of R and
     * NumPy): {@code h = (n - 1) p}, {@code x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}. NaN when
     * empty.
     */
    public double quantile(double p) {
        int n = ring.size();
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The median (the mean of the two middle values for an even count); NaN when empty. */
    public double median() {
        int n = ring.size();
        if (n == 0) {
            return Double.NaN;
        }
        int mid = n >>> 1;
        return (n & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The median of the absolute deviations from {@code center}, in O(n): the deviations below and above the center
     * are two ascending runs of the sorted values, merged up to the middle rank. NaN when empty.
     */
    public double medianAbsDeviation(double center) {
        int n = ring.size();
        if (n == 0) {
            return Double.NaN;
        }
        int split = SortedRanks.lowerBound(sorted, n, center);
        int left = split - 1;
        int right = split;
        int lowRank = (n - 1) >>> 1;
        int highRank = n >>> 1;
        double low = Double.NaN;
        for (int rank = 0; rank <= highRank; rank++) {
            double next;
            if (right >= n || (left >= 0 && center - sorted[left] <= sorted[right] - center)) {
                next = center - sorted[left--];
            } else {
                next = sorted[right++] - center;
            }
            if (rank == lowRank) {
                low = next;
            }
            if (rank == highRank) {
                return (low + next) / 2;
            }
        }
        throw new IllegalStateException("unreachable: rank " + highRank + " of " + n);
    }

    /** The mean of the absolute deviations from {@code center}; NaN when empty. */
    public double meanAbsDeviation(double center) {
        int n = ring.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(sorted[i] - center);
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The values' spread in standard deviations of a normal distribution, as {@code RobustSummary.scale()} defines it:
     * {@code 1.4826 * MAD} about the median; if that is 0, {@code 1.2533 * mean absolute deviation}; if that is 0
     * too, {@code 1e-9 * max(1, |median|)}. NaN when empty.
     */
    public double robustScale() {
        double median = median();
        return Spread.robust(median, medianAbsDeviation(median), meanAbsDeviation(median));
    }

    public void clear() {
        ring.clear();
    }
}
