package io.aihub.topology.anomaly.detect.internal;

/** Ranks of a value among the first {@code n} values of an ascending array, by binary search. */
final class SortedRanks {

    private SortedRanks() {}

    /** How many of {@code sorted[0, n)} are below {@code value}: the index of the first one {@code >= value}. */
    static int lowerBound(double[] sorted, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of {@code sorted[0, n)} are at most {@code value}: the index of the first one {@code > value}. */
    static int upperBound(double[] sorted, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
