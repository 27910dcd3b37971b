package io.aihub.topology.features.internal;

import java.util.Arrays;

/**
 * Sliding-window minimum or maximum over readings appended in timestamp order: amortised O(1) per reading. Holds
 * the candidates (timestamp, value) in a growable ring.
 */
public final class MonotonicDeque {

    private final boolean max;
    private long[] ts = new long[16];
    private double[] values = new double[16];
    private int head;
    private int size;

    private MonotonicDeque(boolean max) {
        this.max = max;
    }

    public static MonotonicDeque forMax() {
        return new MonotonicDeque(true);
    }

    public static MonotonicDeque forMin() {
        return new MonotonicDeque(false);
    }

    public void clear() {
        head = 0;
        size = 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds a reading newer than every reading added before. */
    public void push(long t, double x) {
        while (size > 0) {
            double last = values[index(size - 1)];
            if (max ? last <= x : last >= x) {
                size--;
            } else {
                break;
            }
        }
        if (size == ts.length) {
            grow();
        }
        int i = index(size);
        ts[i] = t;
        values[i] = x;
        size++;
    }

    /** Drops readings with timestamp <= cutoff. */
    public void evictAtOrBefore(long cutoff) {
        while (size > 0 && ts[head] <= cutoff) {
            head = (head + 1) % ts.length;
            size--;
        }
    }

    /** The extreme of the readings held, NaN when empty. */
    public double extreme() {
        return size == 0 ? Double.NaN : values[head];
    }

    private int index(int offset) {
        return (head + offset) % ts.length;
    }

    private void grow() {
        long[] newTs = new long[ts.length * 2];
        double[] newValues = new double[ts.length * 2];
        for (int k = 0; k < size; k++) {
            newTs[k] = ts[index(k)];
            newValues[k] = values[index(k)];
        }
        ts = newTs;
        values = newValues;
        head = 0;
        Arrays.fill(newTs, size, newTs.length, 0L);
    }
}
