package io.aihub.topology.maintenance.internal;

import io.aihub.topology.maintenance.MaintenanceView;
import java.nio.ByteBuffer;

/**
 * Statistics of one asset's readings in one UTC hour (or, merged, in a window of hours): a count of readings that is
 * positive as soon as the hour has a reading of any metric (the processor counts a reading of an untracked metric
 * only when it is the hour's first: no feature needs more than the hour's presence), and per tracked metric ({@link MaintenanceView#TRACKED_METRICS}) count, mean, sum of squared deviations
 * (Welford; merged with Chan et al.'s formula, so no catastrophic cancellation), min and max.
 */
public final class HourStats {

    static final int METRICS = MaintenanceView.TRACKED_METRICS.size();
    private static final int BYTES = 8 + METRICS * 5 * 8;

    private long readings;
    private final long[] count = new long[METRICS];
    private final double[] mean = new double[METRICS];
    private final double[] m2 = new double[METRICS];
    private final double[] min = new double[METRICS];
    private final double[] max = new double[METRICS];

    public HourStats() {
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** The index of {@code metric} among the tracked metrics, or -1. */
    public static int indexOf(String metric) {
        return MaintenanceView.TRACKED_METRICS.indexOf(metric);
    }

    /** Counts one reading; {@code metric} is its tracked index or -1 (then only the reading count changes). */
    public void add(int metric, double x) {
        readings++;
        if (metric < 0) {
            return;
        }
        long n = ++count[metric];
        double delta = x - mean[metric];
        mean[metric] += delta / n;
        m2[metric] += delta * (x - mean[metric]);
        min[metric] = Math.min(min[metric], x);
        max[metric] = Math.max(max[metric], x);
    }

    public void merge(HourStats other) {
        readings += other.readings;
        for (int i = 0; i < METRICS; i++) {
            long nb = other.count[i];
            if (nb == 0) {
                continue;
            }
            long na = count[i];
            long n = na + nb;
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * nb / n;
            m2[i] += other.m2[i] + delta * delta * ((double) na * nb / n);
            count[i] = n;
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
        }
    }

    public long readings() {
        return readings;
    }

    public long count(int metric) {
        return count[metric];
    }

    /** Mean of the metric's readings; NaN when there are none. */
    public double mean(int metric) {
        return count[metric] == 0 ? Double.NaN : mean[metric];
    }

    /** Sample standard deviation (n - 1); NaN below two readings. */
    public double std(int metric) {
        return count[metric] < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2[metric] / (count[metric] - 1)));
    }

    public double min(int metric) {
        return count[metric] == 0 ? Double.NaN : min[metric];
    }

    public double max(int metric) {
        return count[metric] == 0 ? Double.NaN : max[metric];
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.putLong(readings);
        for (int i = 0; i < METRICS; i++) {
            b.putLong(count[i])
                    .putDouble(mean[i])
                    .putDouble(m2[i])
                    .putDouble(min[i])
                    .putDouble(max[i]);
        }
        return b.array();
    }

    public static HourStats decode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("hour statistics must be " + BYTES + " bytes, were " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        HourStats s = new HourStats();
        s.readings = b.getLong();
        for (int i = 0; i < METRICS; i++) {
            s.count[i] = b.getLong();
            s.mean[i] = b.getDouble();
            s.m2[i] = b.getDouble();
            s.min[i] = b.getDouble();
            s.max[i] = b.getDouble();
        }
        return s;
    }
}
