package io.aihub.topology.anomaly.detect.internal;

/**
 * The last {@code capacity} values of a stream, oldest first. Mutable, allocation-free after construction; index 0 is
 * the oldest value held.
 */
public final class DoubleRing {

    private final double[] values;
    private int head;
    private int size;

    public DoubleRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        values = new double[capacity];
    }

    public int capacity() {
        return values.length;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == values.length;
    }

    /** Appends a value; when full, the oldest is dropped and returned, else NaN. */
    public double add(double value) {
        double evicted = Double.NaN;
        int slot = head + size;
        if (slot >= values.length) {
            slot -= values.length;
        }
        if (size == values.length) {
            evicted = values[head];
            head = head + 1 == values.length ? 0 : head + 1;
        } else {
            size++;
        }
        values[slot] = value;
        return evicted;
    }

    /** The i-th value held, 0 being the oldest. */
    public double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of a ring holding " + size);
        }
        int slot = head + i;
        return values[slot >= values.length ? slot - values.length : slot];
    }

    /** The newest value; NaN when empty. */
    public double newest() {
        return size == 0 ? Double.NaN : get(size - 1);
    }

    /** Copies the values, oldest first, to {@code target[0, size)}. */
    public void copyTo(double[] target) {
        int first = Math.min(size, values.length - head);
        System.arraycopy(values, head, target, 0, first);
        System.arraycopy(values, 0, target, first, size - first);
    }

    public void clear() {
        head = 0;
        size = 0;
    }
}
