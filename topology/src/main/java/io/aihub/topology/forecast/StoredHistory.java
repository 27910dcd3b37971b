package io.aihub.topology.forecast;

import io.aihub.topology.anomaly.AlignedRows.MetricSeries;
import io.aihub.topology.anomaly.DeviceHistory;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * A series' history read from the readings store ({@code aihub-readings}: series prefix + timestamp -> value), and what
 * the series store ({@code aihub-series}) knows of an asset's series.
 */
public final class StoredHistory {

    private StoredHistory() {}

    /** The series' latest accepted reading time from the series store ({@code aihub-series}), or null if unknown. */
    public static @Nullable Instant watermark(ReadOnlyKeyValueStore<Bytes, byte[]> seriesStore, SeriesKey series) {
        byte[] stored = seriesStore.get(Bytes.wrap(StoreKeys.seriesPrefix(series)));
        return stored == null ? null : Instant.ofEpochMilli(StoreKeys.toLong(stored));
    }

    /** The metrics of an asset's series known to the series store, in byte order. */
    public static List<String> metrics(
            ReadOnlyKeyValueStore<Bytes, byte[]> seriesStore, String tenantId, String assetId) {
        byte[] asset = StoreKeys.assetPrefix(tenantId, assetId);
        var found = new ArrayList<String>();
        try (KeyValueIterator<Bytes, byte[]> it =
                seriesStore.prefixScan(Bytes.wrap(asset), Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                byte[] key = it.next().key.get();
                // asset prefix + length + metric; the asset's weather watermark is asset prefix + 0x00
                int length = key.length > asset.length ? key[asset.length] & 0xFF : 0;
                if (length > 0 && key.length == asset.length + 1 + length) {
                    found.add(new String(key, asset.length + 1, length, StandardCharsets.UTF_8));
                }
            }
        }
        return found;
    }

    /**
     * Whether the series has a reading at a time in {@code [from, until]}: one seek of the readings store, not a
     * read of the range.
     */
    public static boolean any(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings, SeriesKey series, Instant from, Instant until) {
        long start = Math.max(0, from.toEpochMilli());
        long end = until.toEpochMilli();
        if (end < start) {
            return false;
        }
        byte[] prefix = StoreKeys.seriesPrefix(series);
        try (KeyValueIterator<Bytes, byte[]> it =
                readings.range(StoreKeys.timed(prefix, start), StoreKeys.timed(prefix, end))) {
            return it.hasNext();
        }
    }

    /** The series' readings in {@code [from, until)}, in time order (one range scan); possibly empty. */
    public static History read(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings, SeriesKey series, Instant from, Instant until) {
        long start = Math.max(0, from.toEpochMilli());
        long last = until.toEpochMilli() - 1;
        if (last < start) {
            return History.of(new long[0], new double[0]);
        }
        MetricSeries found = DeviceHistory.readings(readings, series, start, last);
        return History.of(found.timestamps(), found.values());
    }
}
