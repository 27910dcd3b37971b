package io.aihub.topology.features.internal;

import java.util.Arrays;

/**
 * The recent readings of one series, sorted by timestamp (unique), in primitive arrays, with prefix sums of the
 * shifted values and their squares so that the count, mean and sample deviation of any index range cost O(1).
 * Appends and evictions at the front are amortised O(1); an insert or replacement in the middle costs O(n).
 * The shift is reset to a recent value whenever the arrays are compacted, which bounds cancellation.
 */
public final class SeriesWindow {

    private static final double EPS = 0x1p-52;
    /** Ranges shorter than this are summed exactly: cheap, and where cancellation hurts most. */
    private static final int EXACT_BELOW = 32;
    /** Largest accepted bound on the relative rounding error of a mean or second moment from prefix sums. */
    private static final double MAX_RELATIVE_ERROR = 1e-12;

    private long[] ts;
    private double[] values;
    /** p1[i] = sum over k < i of (values[k] - shift); p1 has one more slot than ts. */
    private double[] p1;

    private double[] p2;
    private int head;
    private int tail;
    private double shift;

    public SeriesWindow(int initialCapacity) {
        int cap = Math.max(8, initialCapacity);
        ts = new long[cap];
        values = new double[cap];
        p1 = new double[cap + 1];
        p2 = new double[cap + 1];
    }

    public int start() {
        return head;
    }

    public int end() {
        return tail;
    }

    public int size() {
        return tail - head;
    }

    public boolean isEmpty() {
        return head == tail;
    }

    public long timestamp(int i) {
        return ts[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long lastTimestamp() {
        return ts[tail - 1];
    }

    /** Index of the first reading with timestamp >= t (end() if none). */
    public int lowerBound(long t) {
        int lo = head;
        int hi = tail;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first reading with timestamp > t (end() if none). */
    public int upperBound(long t) {
        return t == Long.MAX_VALUE ? tail : lowerBound(t + 1);
    }

    public double sum(int from, int to) {
        return p1[to] - p1[from];
    }

    public double sumSquares(int from, int to) {
        return p2[to] - p2[from];
    }

    /** Mean of readings [from, to), NaN when empty. */
    public double avg(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        if (n < EXACT_BELOW) {
            return exactAvg(from, to);
        }
        double avg = shift + (p1[to] - p1[from]) / n;
        double error = 4 * EPS * (Math.abs(p1[to]) + Math.abs(p1[from])) / n;
        return error > MAX_RELATIVE_ERROR * Math.abs(avg) ? exactAvg(from, to) : avg;
    }

    /**
     * Sample standard deviation of readings [from, to), NaN when fewer than two. Uses the prefix sums when their
     * rounding error bound is negligible, else (small or ill-conditioned ranges) an exact two-pass scan.
     */
    public double std(int from, int to) {
        int n = to - from;
        if (n < 2) {
            return Double.NaN;
        }
        if (n < EXACT_BELOW) {
            return exactStd(from, to);
        }
        double s1 = p1[to] - p1[from];
        double m2 = (p2[to] - p2[from]) - s1 * s1 / n;
        double s1Error = 4 * EPS * (Math.abs(p1[to]) + Math.abs(p1[from]));
        double error = 4 * EPS * (Math.abs(p2[to]) + Math.abs(p2[from])) + 2 * Math.abs(s1) * s1Error / n;
        if (m2 <= 0 || error > MAX_RELATIVE_ERROR * m2) {
            return exactStd(from, to);
        }
        return Math.sqrt(m2 / (n - 1));
    }

    /** Mean by one pass shifted by the first value (exact for a constant range). */
    private double exactAvg(int from, int to) {
        double k = values[from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i] - k;
        }
        return k + sum / (to - from);
    }

    /** Two-pass sample deviation on values shifted by the first (exactly 0 for a constant range). */
    private double exactStd(int from, int to) {
        double k = values[from];
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i] - k;
        }
        double mean = sum / (to - from);
        double m2 = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] - k - mean;
            m2 += d * d;
        }
        return Math.sqrt(m2 / (to - from - 1));
    }

    /** Appends a reading newer than every reading held. */
    public void append(long t, double x) {
        if (tail == ts.length) {
            makeRoom();
        }
        ts[tail] = t;
        values[tail] = x;
        double d = x - shift;
        p1[tail + 1] = p1[tail] + d;
        p2[tail + 1] = p2[tail] + d * d;
        tail++;
    }

    /**
     * Puts a reading anywhere: replaces the value of an equal timestamp, else inserts in order.
     *
     * @return true if a reading was replaced
     */
    public boolean put(long t, double x) {
        if (isEmpty() || t > lastTimestamp()) {
            append(t, x);
            return false;
        }
        int i = lowerBound(t);
        if (i < tail && ts[i] == t) {
            values[i] = x;
            recomputeFrom(i);
            return true;
        }
        if (tail == ts.length) {
            makeRoom();
            i = lowerBound(t);
        }
        System.arraycopy(ts, i, ts, i + 1, tail - i);
        System.arraycopy(values, i, values, i + 1, tail - i);
        ts[i] = t;
        values[i] = x;
        tail++;
        recomputeFrom(i);
        return false;
    }

    /** Drops readings with timestamp < cutoff. */
    public void evictBefore(long cutoff) {
        while (head < tail && ts[head] < cutoff) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    private void makeRoom() {
        int live = tail - head;
        if (head > 0 && live <= ts.length / 2) {
            compact();
            return;
        }
        int cap = ts.length * 2;
        ts = Arrays.copyOf(ts, cap);
        values = Arrays.copyOf(values, cap);
        p1 = Arrays.copyOf(p1, cap + 1);
        p2 = Arrays.copyOf(p2, cap + 1);
        compact();
    }

    private void compact() {
        int live = tail - head;
        System.arraycopy(ts, head, ts, 0, live);
        System.arraycopy(values, head, values, 0, live);
        head = 0;
        tail = live;
        shift = live == 0 ? 0 : values[live - 1];
        p1[0] = 0;
        p2[0] = 0;
        recomputeFrom(0);
    }

    private void recomputeFrom(int i) {
        for (int k = i; k < tail; k++) {
            double d = values[k] - shift;
            p1[k + 1] = p1[k] + d;
            p2[k + 1] = p2[k] + d * d;
        }
    }
}
