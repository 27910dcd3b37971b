package io.aihub.bench.nab;

/**
 * NAB's row counts at a threshold, over the scored rows (probation rows are not counted): {@code tp} rows inside a
 * window with a score at or above the threshold, {@code fp} such rows outside windows, {@code fn} rows inside windows
 * below it, {@code tn} rows outside below it. These are rows, not windows: NAB's score counts a window once, its counts
 * do not.
 */
public record NabCounts(int tp, int tn, int fp, int fn) {

    public static final NabCounts ZERO = new NabCounts(0, 0, 0, 0);

    public int total() {
        return tp + tn + fp + fn;
    }

    public NabCounts plus(NabCounts other) {
        return new NabCounts(tp + other.tp, tn + other.tn, fp + other.fp, fn + other.fn);
    }
}
