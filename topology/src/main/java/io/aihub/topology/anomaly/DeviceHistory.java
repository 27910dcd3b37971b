package io.aihub.topology.anomaly;

import io.aihub.topology.anomaly.AlignedRows.MetricSeries;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A device's (a tenant's asset's) raw history, read from the feature stores: its metrics and their watermarks from
 * {@link FeatureStores#SERIES}, its readings from {@link FeatureStores#READINGS}, the bounded raw-history store (each
 * series keeps its readings for the feature retention, {@code AIHUB_FEATURES_RETENTION}, behind its newest reading).
 * All metrics of a device are keyed by tenant and asset first, so they live in one partition and one task.
 */
public final class DeviceHistory {

    /**
     * Prefix of a model input that is a metric of the scored device: {@code metric:<name>} is the latest reading of
     * {@code <name>} at or before the scored reading's timestamp.
     */
    public static final String METRIC_INPUT = "metric:";

    private DeviceHistory() {}

    /** A device's metrics and its newest reading time over all of them ({@code Long.MIN_VALUE} if none). */
    public record Metrics(List<String> names, long newest) {

        public Metrics {
            names = List.copyOf(names);
        }

        public boolean isEmpty() {
            return names.isEmpty();
        }
    }

    /** The device's metrics, in name order (the store's key order), with its newest reading time. */
    public static Metrics metrics(ReadOnlyKeyValueStore<Bytes, byte[]> series, String tenantId, String assetId) {
        byte[] prefix = StoreKeys.assetPrefix(tenantId, assetId);
        var names = new ArrayList<String>();
        long newest = Long.MIN_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = series.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                byte[] key = kv.key.get();
                // series keys: asset prefix + length byte + metric; the weather watermark: asset prefix + 0x00
                int length = key.length > prefix.length ? key[prefix.length] & 0xFF : 0;
                if (length == 0 || key.length != prefix.length + 1 + length) {
                    continue;
                }
                names.add(new String(key, prefix.length + 1, length, StandardCharsets.UTF_8));
                newest = Math.max(newest, StoreKeys.toLong(kv.value));
            }
        }
        names.sort(null);
        return new Metrics(names, newest);
    }

    /** The readings of one series with {@code from <= timestamp <= to}, in time order. */
    public static MetricSeries readings(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings, SeriesKey key, long from, long to) {
        byte[] prefix = StoreKeys.seriesPrefix(key);
        long[] times = new long[64];
        double[] values = new double[64];
        int n = 0;
        if (to >= from && to >= 0) {
            try (KeyValueIterator<Bytes, byte[]> it =
                    readings.range(StoreKeys.timed(prefix, Math.max(0, from)), StoreKeys.timed(prefix, to))) {
                while (it.hasNext()) {
                    var kv = it.next();
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                        values = Arrays.copyOf(values, n * 2);
                    }
                    times[n] = StoreKeys.timestampOf(kv.key.get());
                    values[n++] = StoreKeys.toDouble(kv.value);
                }
            }
        }
        return new MetricSeries(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    /**
     * The device's metrics aligned on time ({@link AlignedRows#forwardFill}) over its readings in {@code (newest -
     * window, newest]}, where {@code newest} is the device's newest reading time: the window is the device's own
     * event time, so a replayed or delayed device answers as a live one. A metric without readings in the window
     * (one the device no longer sends) is left out rather than leaving no row.
     *
     * @param maxRows the most rows kept: the latest ones
     */
    public static AlignedRows window(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings,
            ReadOnlyKeyValueStore<Bytes, byte[]> series,
            String tenantId,
            String assetId,
            long windowMillis,
            int maxRows) {
        Metrics metrics = metrics(series, tenantId, assetId);
        if (metrics.isEmpty()) {
            return new AlignedRows(List.of(), new long[0], new double[0][]);
        }
        long from = metrics.newest() - windowMillis + 1;
        var names = new ArrayList<String>();
        var all = new ArrayList<MetricSeries>();
        for (String metric : metrics.names()) {
            MetricSeries readingsOf =
                    readings(readings, new SeriesKey(tenantId, assetId, metric), from, metrics.newest());
            if (readingsOf.size() > 0) {
                names.add(metric);
                all.add(readingsOf);
            }
        }
        return AlignedRows.forwardFill(names, all, maxRows);
    }

    /** The series' latest reading at or before {@code t}, or NaN if it has none in the store. */
    public static double latestAtOrBefore(ReadOnlyKeyValueStore<Bytes, byte[]> readings, SeriesKey key, long t) {
        if (t < 0) {
            return Double.NaN;
        }
        byte[] prefix = StoreKeys.seriesPrefix(key);
        try (KeyValueIterator<Bytes, byte[]> it =
                readings.reverseRange(StoreKeys.timed(prefix, 0), StoreKeys.timed(prefix, t))) {
            return it.hasNext() ? StoreKeys.toDouble(it.next().value) : Double.NaN;
        }
    }
}
