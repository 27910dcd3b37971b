package io.aihub.topology.anomaly.detect.internal;

/** The last {@code capacity} rows of {@code dims} values each, oldest first, in one flat array. */
public final class RowRing {

    private final int dims;
    private final int capacity;
    private final double[] values;
    private int head;
    private int size;

    public RowRing(int capacity, int dims) {
        if (capacity < 1 || dims < 1) {
            throw new IllegalArgumentException("capacity and dims must be >= 1, were " + capacity + ", " + dims);
        }
        this.dims = dims;
        this.capacity = capacity;
        this.values = new double[capacity * dims];
    }

    public int capacity() {
        return capacity;
    }

    public int dims() {
        return dims;
    }

    public int size() {
        return size;
    }

    /** Appends a copy of the row ({@code dims} values), dropping the oldest when full. */
    public void add(double[] row) {
        if (row.length != dims) {
            throw new IllegalArgumentException("a row has " + dims + " values, got " + row.length);
        }
        int slot = head + size;
        if (slot >= capacity) {
            slot -= capacity;
        }
        if (size == capacity) {
            head = head + 1 == capacity ? 0 : head + 1;
        } else {
            size++;
        }
        System.arraycopy(row, 0, values, slot * dims, dims);
    }

    /** Value {@code j} of row {@code i}, row 0 being the oldest. */
    public double get(int i, int j) {
        return values[offset(i) + j];
    }

    /** Copies rows {@code [from, to)} (0 = oldest) into new arrays. */
    public double[][] copyRows(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of a ring holding " + size);
        }
        double[][] rows = new double[to - from][dims];
        for (int i = from; i < to; i++) {
            System.arraycopy(values, offset(i), rows[i - from], 0, dims);
        }
        return rows;
    }

    /** Copies row i into {@code target[at, at + dims)}. */
    public void copyRow(int i, double[] target, int at) {
        System.arraycopy(values, offset(i), target, at, dims);
    }

    public void clear() {
        head = 0;
        size = 0;
    }

    /** int32 capacity, int32 dims, int32 size, then the rows oldest first. */
    public void write(StateWriter out) {
        out.writeInt(capacity).writeInt(dims).writeInt(size);
        for (int i = 0; i < size; i++) {
            int at = offset(i);
            out.writeDoubles(values, at, at + dims);
        }
    }

    /** Reads what {@link #write} wrote into this ring (emptied first); the capacity and dims must match. */
    public void read(StateReader in, String field) {
        int readCapacity = in.readInt(field + " capacity");
        int readDims = in.readInt(field + " dims");
        if (readCapacity != capacity || readDims != dims) {
            throw in.corrupt(field + " holds " + readCapacity + " rows of " + readDims + " values, the settings say "
                    + capacity + " of " + dims);
        }
        int n = in.readInt(field + " size", 0, capacity);
        clear();
        double[] row = new double[dims];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dims; j++) {
                row[j] = in.readFinite(field + " row " + i);
            }
            add(row);
        }
    }

    private int offset(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of a ring holding " + size);
        }
        int slot = head + i;
        return (slot >= capacity ? slot - capacity : slot) * dims;
    }
}
