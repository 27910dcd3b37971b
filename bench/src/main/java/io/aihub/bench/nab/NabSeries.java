package io.aihub.bench.nab;

import java.time.Instant;
import java.util.List;

/**
 * One NAB data file: its category folder and file name, its rows (timestamps as epoch milliseconds, and values) and its
 * labelled anomaly windows, in time order. Rows keep the file's order, which NAB does not check: two of NAB's files
 * repeat an hour of timestamps where a clock went back ({@code ec2_request_latency_system_failure.csv},
 * {@code machine_temperature_system_failure.csv}). As in NAB, a window's rows are located by the first row holding its
 * timestamps ({@code timestamps.index(...)} in {@code nab/sweeper.py}), and each window limit must match exactly one row
 * ({@code CorpusLabel.getWindows} refuses any other). {@code labels} are the labelled anomaly points of
 * {@code combined_labels.json}, empty when no labels file was given; NAB's scoring does not read them.
 */
public final class NabSeries {

    private final String category;
    private final String fileName;
    private final long[] timestamps;
    private final double[] values;
    private final List<NabWindow> windows;
    private final List<Instant> labels;
    private final int[] windowStartRows;
    private final int[] windowEndRows;

    public NabSeries(
            String category,
            String fileName,
            long[] timestampMillis,
            double[] values,
            List<NabWindow> windows,
            List<Instant> labels) {
        if (category.isBlank() || category.contains("/") || fileName.isBlank() || fileName.contains("/")) {
            throw new IllegalArgumentException(
                    "category and file name must be single path segments, got " + category + "/" + fileName);
        }
        this.category = category;
        this.fileName = fileName;
        String path = category + "/" + fileName;
        if (timestampMillis.length != values.length) {
            throw new IllegalArgumentException(
                    path + ": " + timestampMillis.length + " timestamps but " + values.length + " values");
        }
        this.timestamps = timestampMillis.clone();
        this.values = values.clone();
        this.windows = List.copyOf(windows);
        this.labels = List.copyOf(labels);
        this.windowStartRows = new int[this.windows.size()];
        this.windowEndRows = new int[this.windows.size()];
        for (int k = 0; k < this.windows.size(); k++) {
            NabWindow window = this.windows.get(k);
            windowStartRows[k] = rowOf(window.startMillis(), path, k);
            windowEndRows[k] = rowOf(window.endMillis(), path, k);
            if (windowEndRows[k] < windowStartRows[k]) {
                throw new IllegalArgumentException(
                        path + ": window " + k + " (" + window.start() + ") ends on a row before it starts");
            }
            // NAB's sweeper enters window k+1 only on a row after window k's last row; windows that overlap or share
            // a row would silently swallow the later windows there, so they are refused here.
            if (k > 0 && windowStartRows[k] <= windowEndRows[k - 1]) {
                throw new IllegalArgumentException(path + ": window " + k + " (" + window.start()
                        + ") starts before window " + (k - 1) + " ends; windows must be in time order and disjoint");
            }
        }
    }

    /** The first row holding {@code millis}, which must be held by exactly one row. */
    private int rowOf(long millis, String path, int window) {
        int first = -1;
        int matches = 0;
        for (int row = 0; row < timestamps.length; row++) {
            if (timestamps[row] == millis) {
                first = first < 0 ? row : first;
                matches++;
            }
        }
        if (matches != 1) {
            throw new IllegalArgumentException(path + ": window " + window + " limit " + Instant.ofEpochMilli(millis)
                    + (matches == 0 ? " is not a timestamp of the file" : " is the timestamp of " + matches + " rows")
                    + " (window limits must match exactly one row)");
        }
        return first;
    }

    public String category() {
        return category;
    }

    public String fileName() {
        return fileName;
    }

    /** {@code category/file.csv}, the key of NAB's label files. */
    public String relativePath() {
        return category + "/" + fileName;
    }

    public int size() {
        return timestamps.length;
    }

    public long timestampMillis(int row) {
        return timestamps[row];
    }

    public Instant timestamp(int row) {
        return Instant.ofEpochMilli(timestamps[row]);
    }

    public double value(int row) {
        return values[row];
    }

    /** A copy of the timestamps, epoch milliseconds. */
    public long[] timestampMillis() {
        return timestamps.clone();
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    public List<NabWindow> windows() {
        return windows;
    }

    public List<Instant> labels() {
        return labels;
    }

    /** The row of window {@code k}'s first timestamp. */
    public int windowStartRow(int k) {
        return windowStartRows[k];
    }

    /** The row of window {@code k}'s last timestamp. */
    public int windowEndRow(int k) {
        return windowEndRows[k];
    }

    /**
     * Whether {@code row}'s timestamp lies inside one of the windows, limits included: NAB's {@code label} column
     * ({@code CorpusLabel.getLabels} compares timestamps, not rows).
     */
    public boolean inWindow(int row) {
        long millis = timestamps[row];
        for (NabWindow window : windows) {
            if (millis >= window.startMillis() && millis <= window.endMillis()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "NabSeries[" + relativePath() + ", " + size() + " rows, " + windows.size() + " windows]";
    }
}
