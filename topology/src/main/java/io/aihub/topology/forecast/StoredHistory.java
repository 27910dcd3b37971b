package io.aihub.topology.forecast;

import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A series' history read from the readings store ({@code aihub-readings}: series prefix + timestamp -> value). */
public final class StoredHistory {

    private StoredHistory() {}

    /** The series' readings in {@code [from, until)}, in time order (one range scan); possibly empty. */
    public static History read(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings, SeriesKey series, Instant from, Instant until) {
        byte[] prefix = StoreKeys.seriesPrefix(series);
        long[] times = new long[256];
        double[] values = new double[256];
        int n = 0;
        long start = Math.max(0, from.toEpochMilli());
        long last = until.toEpochMilli() - 1;
        if (last < start) {
            return History.of(new long[0], new double[0]);
        }
        try (KeyValueIterator<Bytes, byte[]> it =
                readings.range(StoreKeys.timed(prefix, start), StoreKeys.timed(prefix, last))) {
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
        return History.of(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }
}
