package io.aihub.topology.anomaly;

import java.util.List;

/**
 * A device's metrics aligned on time, as rows of a multivariate model: one row per distinct timestamp at which any
 * of the metrics has a reading, each metric filled with its latest value at or before that timestamp (forward fill).
 * Timestamps before every metric has had a value give no row. This is the row the stream scores a new reading with
 * (the reading's own value, the other metrics' latest values at or before it), so training = serving.
 *
 * @param metrics the metric names, in column order
 * @param timestamps the row timestamps (epoch millis), ascending
 * @param rows one row per timestamp, one value per metric
 */
public record AlignedRows(List<String> metrics, long[] timestamps, double[][] rows) {

    /** One metric's readings, in time order (ascending, distinct timestamps). */
    public record MetricSeries(long[] timestamps, double[] values) {

        public MetricSeries {
            if (timestamps.length != values.length) {
                throw new IllegalArgumentException(timestamps.length + " timestamps but " + values.length + " values");
            }
        }

        public int size() {
            return timestamps.length;
        }
    }

    public AlignedRows {
        metrics = List.copyOf(metrics);
        if (timestamps.length != rows.length) {
            throw new IllegalArgumentException(timestamps.length + " timestamps but " + rows.length + " rows");
        }
    }

    /** The number of rows. */
    public int size() {
        return rows.length;
    }

    /**
     * Aligns the series by forward fill (see the class comment), keeping the {@code maxRows} most recent rows.
     *
     * @param metrics the metric names, one per series
     * @param series each metric's readings, ascending in time
     * @param maxRows the most rows kept (&gt;= 1): the latest ones
     */
    public static AlignedRows forwardFill(List<String> metrics, List<MetricSeries> series, int maxRows) {
        if (metrics.size() != series.size()) {
            throw new IllegalArgumentException(metrics.size() + " metrics but " + series.size() + " series");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        int k = series.size();
        int[] next = new int[k];
        double[] last = new double[k];
        int filled = 0;
        // the latest maxRows rows, in a ring: rows[count % capacity] is overwritten once it is full
        int capacity = (int) Math.min(maxRows, upperBound(series));
        long[] times = new long[capacity];
        double[][] rows = new double[capacity][];
        long count = 0;
        while (true) {
            long t = Long.MAX_VALUE;
            for (int m = 0; m < k; m++) {
                if (next[m] < series.get(m).size()) {
                    t = Math.min(t, series.get(m).timestamps()[next[m]]);
                }
            }
            if (t == Long.MAX_VALUE) {
                break;
            }
            for (int m = 0; m < k; m++) {
                MetricSeries s = series.get(m);
                while (next[m] < s.size() && s.timestamps()[next[m]] == t) {
                    if (next[m] == 0) {
                        filled++;
                    }
                    last[m] = s.values()[next[m]];
                    next[m]++;
                }
            }
            if (filled == k) {
                int slot = (int) (count % capacity);
                times[slot] = t;
                rows[slot] = last.clone();
                count++;
            }
        }
        int size = (int) Math.min(count, capacity);
        long[] outTimes = new long[size];
        double[][] outRows = new double[size][];
        for (int i = 0; i < size; i++) {
            int slot = (int) ((count - size + i) % capacity);
            outTimes[i] = times[slot];
            outRows[i] = rows[slot];
        }
        return new AlignedRows(metrics, outTimes, outRows);
    }

    /** The most rows the series can make: the readings of all of them (at least 1, so a ring is never empty). */
    private static long upperBound(List<MetricSeries> series) {
        long total = 0;
        for (MetricSeries s : series) {
            total += s.size();
        }
        return Math.max(1, total);
    }
}
