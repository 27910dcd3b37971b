package io.aihub.topology.anomaly.detect.internal;

import org.jspecify.annotations.Nullable;

/**
 * Exact local outlier factors (Breunig, Kriegel, Ng and Sander, 2000) of a set of points and of a query point against
 * them, by brute force in O(m²) for m points, allocation-free after construction.
 *
 * <p>With d the Euclidean distance: the k-distance of p is the distance to its k-th nearest other point; its
 * neighbourhood N(p) is every other point within its k-distance (more than k on ties); the reachability distance of p
 * from o is {@code max(k-distance(o), d(p, o))}; the local reachability density of p is {@code 1 / mean over o in N(p)
 * of reach-dist(p, o)}, and its LOF {@code mean over o in N(p) of lrd(o) / lrd(p)}. The query is scored as a new point
 * ("novelty"): its neighbours' k-distances and densities are those among the m points, without the query.
 *
 * <p>One departure: a mean reachability distance below {@code minReach} counts as {@code minReach}, so that k + 1 or
 * more identical points have a finite density (the original definition divides by 0).
 *
 * <p>Neighbours are searched in the order of the first coordinate, outwards from the point, stopping on each side
 * once that coordinate alone is farther than the k-th nearest distance found so far; the result is the same as a full
 * scan, at a fraction of the distances.
 *
 * <p>The working arrays are not kept per series: {@link #forThread} lends each thread one instance per shape, which
 * also lends scratch arrays ({@link #points()}, {@link #query()}, {@link #scratch()}) and a {@link TailCalibration} to
 * its caller.
 */
public final class LocalOutlierFactors {

    private static final ThreadLocal<@Nullable LocalOutlierFactors[]> BY_THREAD =
            ThreadLocal.withInitial(() -> new LocalOutlierFactors[1]);

    private final int k;
    private final int capacity;
    private final int dims;
    private final double minReach;
    private final double[] kDistance;
    private final double[] kSquared;
    private final double[] density;
    private final double[] factor;
    private final double[] nearest;
    /** Point indices in the order of their first coordinate, and each point's place in that order. */
    private final int[] order;

    private final int[] rank;
    private final double[] points;
    private final double[] query;
    private final double[] scratch;
    private final TailCalibration calibration;
    /** The points in the order of their first coordinate (place p holds point {@code order[p]}). */
    private final double[] byPlace;

    private double[] current = new double[0];
    private int size;

    /**
     * @param k neighbours (&gt;= 1)
     * @param capacity most points a set may have (&gt; k)
     * @param dims values per point
     * @param minReach the floor of a mean reachability distance (&gt; 0)
     */
    public LocalOutlierFactors(int k, int capacity, int dims, double minReach) {
        if (k < 1 || capacity <= k || dims < 1 || !(minReach > 0)) {
            throw new IllegalArgumentException("need k >= 1, capacity > k, dims >= 1 and minReach > 0, got k=" + k
                    + ", capacity=" + capacity + ", dims=" + dims + ", minReach=" + minReach);
        }
        this.k = k;
        this.capacity = capacity;
        this.dims = dims;
        this.minReach = minReach;
        this.kDistance = new double[capacity];
        this.kSquared = new double[capacity];
        this.density = new double[capacity];
        this.factor = new double[capacity];
        this.nearest = new double[k];
        this.order = new int[capacity];
        this.rank = new int[capacity];
        this.byPlace = new double[capacity * dims];
        this.points = new double[capacity * dims];
        this.query = new double[dims];
        this.scratch = new double[capacity];
        this.calibration = new TailCalibration(capacity);
    }

    /**
     * This thread's instance of the given shape (the last one used, if it has that shape, else a new one that replaces
     * it). Use it within one call: the next call on the thread may reuse it.
     */
    public static LocalOutlierFactors forThread(int k, int capacity, int dims, double minReach) {
        @Nullable LocalOutlierFactors[] held = BY_THREAD.get();
        LocalOutlierFactors kernel = held[0];
        if (kernel == null
                || kernel.k != k
                || kernel.capacity != capacity
                || kernel.dims != dims
                || kernel.minReach != minReach) {
            kernel = new LocalOutlierFactors(k, capacity, dims, minReach);
            held[0] = kernel;
        }
        return kernel;
    }

    /** Scratch for the points given to {@link #compute}: {@code capacity * dims} values. */
    public double[] points() {
        return points;
    }

    /** Scratch for the query given to {@link #compute}: {@code dims} values. */
    public double[] query() {
        return query;
    }

    /** Scratch of {@code capacity} values, for the caller. */
    public double[] scratch() {
        return scratch;
    }

    /** A calibration of {@code capacity} reference values, for the caller. */
    public TailCalibration calibration() {
        return calibration;
    }

    /**
     * Computes the LOF of each of the m points ({@link #factor(int)}) and returns the query's.
     *
     * @param points m points of {@code dims} values each, flat: point i is {@code points[i * dims, (i + 1) * dims)}
     * @param m how many points, {@code k < m <= capacity}
     * @param query {@code dims} values
     */
    public double compute(double[] points, int m, double[] query) {
        if (m <= k || m > capacity) {
            throw new IllegalArgumentException(
                    "LOF with k=" + k + " needs " + (k + 1) + " to " + capacity + " points, got " + m);
        }
        current = points;
        size = m;
        sortByFirstCoordinate();
        for (int p = 0; p < m; p++) {
            System.arraycopy(points, order[p] * dims, byPlace, p * dims, dims);
        }
        // from here on, every per-point array is indexed by place
        for (int p = 0; p < m; p++) {
            kSquared[p] = kthNearest(byPlace, p * dims, p, p);
            kDistance[p] = Math.sqrt(kSquared[p]);
        }
        for (int p = 0; p < m; p++) {
            density[p] = density(byPlace, p * dims, p, p, kSquared[p]);
        }
        for (int p = 0; p < m; p++) {
            factor[p] = factor(byPlace, p * dims, p, p, kSquared[p], density[p]);
        }
        int start = insertionPoint(query[0]);
        double queryK = kthNearest(query, 0, start, -1);
        return factor(query, 0, start, -1, queryK, density(query, 0, start, -1, queryK));
    }

    /** The LOF of point i of the last {@link #compute}. */
    public double factor(int i) {
        return factor[rank[i]];
    }

    /** The squared distance from {@code a[at, at + dims)} to the point at place p. */
    private double squaredDistance(double[] a, int at, int p) {
        double sum = 0;
        int bt = p * dims;
        for (int c = 0; c < dims; c++) {
            double d = a[at + c] - byPlace[bt + c];
            sum += d * d;
        }
        return sum;
    }

    /** The first coordinate of the point at place p. */
    private double first(int p) {
        return byPlace[p * dims];
    }

    /** The first coordinate of point i, in the caller's order (while sorting). */
    private double firstOfPoint(int i) {
        return current[i * dims];
    }

    /**
     * The k-th smallest squared distance from the point at {@code a[at, at + dims)} to the points at places other than
     * {@code self}, searching outwards from place {@code start} (the point's own, or where it would be inserted).
     */
    private double kthNearest(double[] a, int at, int start, int self) {
        double x = a[at];
        int held = 0;
        int left = start - 1;
        int right = self < 0 ? start : start + 1;
        while (left >= 0 || right < size) {
            double gapLeft = left >= 0 ? x - first(left) : Double.POSITIVE_INFINITY;
            double gapRight = right < size ? first(right) - x : Double.POSITIVE_INFINITY;
            int j;
            double gap;
            if (gapLeft <= gapRight) {
                j = left--;
                gap = gapLeft;
            } else {
                j = right++;
                gap = gapRight;
            }
            if (held == k && gap * gap > nearest[k - 1]) {
                break; // every point left on both sides is farther in the first coordinate alone
            }
            double d = squaredDistance(a, at, j);
            if (held == k && d >= nearest[k - 1]) {
                continue;
            }
            int slot = held == k ? k - 1 : held++;
            while (slot > 0 && nearest[slot - 1] > d) {
                nearest[slot] = nearest[slot - 1];
                slot--;
            }
            nearest[slot] = d;
        }
        return nearest[k - 1];
    }

    /** The local reachability density: over the points within {@code sqrt(kSq)}, in order of place. */
    private double density(double[] a, int at, int start, int self, double kSq) {
        double reach = 0;
        int n = 0;
        for (int j = lowestWithin(a[at], kSq, start); j < size; j++) {
            double gap = first(j) - a[at];
            if (gap > 0 && gap * gap > kSq) {
                break;
            }
            double d = squaredDistance(a, at, j);
            if (j != self && d <= kSq) {
                reach += d > kSquared[j] ? Math.sqrt(d) : kDistance[j];
                n++;
            }
        }
        return 1 / Math.max(minReach, reach / n);
    }

    /** The LOF: the mean density of the points within {@code sqrt(kSq)} over the point's own. */
    private double factor(double[] a, int at, int start, int self, double kSq, double ownDensity) {
        double sum = 0;
        int n = 0;
        for (int j = lowestWithin(a[at], kSq, start); j < size; j++) {
            double gap = first(j) - a[at];
            if (gap > 0 && gap * gap > kSq) {
                break;
            }
            if (j != self && squaredDistance(a, at, j) <= kSq) {
                sum += density[j];
                n++;
            }
        }
        return sum / n / ownDensity;
    }

    /** The first place, at or before {@code start}, whose first coordinate is within {@code sqrt(kSq)} of x. */
    private int lowestWithin(double x, double kSq, int start) {
        int p = Math.min(start, size - 1);
        while (p > 0) {
            double gap = x - first(p - 1);
            if (gap > 0 && gap * gap > kSq) {
                break;
            }
            p--;
        }
        return p;
    }

    /** Where a first coordinate x would be inserted in the order (after equal ones). */
    private int insertionPoint(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (first(mid) <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts the point indices by first coordinate, then index. */
    private void sortByFirstCoordinate() {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        sortRange(0, size - 1);
        for (int p = 0; p < size; p++) {
            rank[order[p]] = p;
        }
    }

    /** Quicksort of {@code order[lo, hi]} by (first coordinate, index), insertion sort below 16 elements. */
    private void sortRange(int lo, int hi) {
        while (hi - lo >= 16) {
            int mid = (lo + hi) >>> 1;
            int pivot = medianOfThree(order[lo], order[mid], order[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (before(order[i], pivot)) {
                    i++;
                }
                while (before(pivot, order[j])) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i++] = order[j];
                    order[j--] = t;
                }
            }
            if (j - lo < hi - i) {
                sortRange(lo, j);
                lo = i;
            } else {
                sortRange(i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            int v = order[i];
            int p = i;
            while (p > lo && before(v, order[p - 1])) {
                order[p] = order[p - 1];
                p--;
            }
            order[p] = v;
        }
    }

    private int medianOfThree(int a, int b, int c) {
        if (before(a, b)) {
            return before(b, c) ? b : before(a, c) ? c : a;
        }
        return before(a, c) ? a : before(b, c) ? c : b;
    }

    private boolean before(int a, int b) {
        double fa = firstOfPoint(a);
        double fb = firstOfPoint(b);
        return fa < fb || (fa == fb && a < b);
    }
}
