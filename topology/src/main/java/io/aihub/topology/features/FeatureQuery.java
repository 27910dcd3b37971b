package io.aihub.topology.features;

import static io.aihub.topology.features.internal.FeatureMath.HOUR;
import static io.aihub.topology.features.internal.FeatureMath.WEEK;

import io.aihub.topology.features.internal.Feature;
import io.aihub.topology.features.internal.FeatureMath;
import io.aihub.topology.features.internal.FeatureValues;
import io.aihub.topology.features.internal.SeriesWindow;
import io.aihub.topology.features.internal.StoreKeys;
import io.aihub.topology.features.internal.WeatherLookup;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Point-in-time features answered from the stores (batch semantics over what has arrived): one range scan of the
 * series' readings in [T - 169h, T], one point lookup of its watermark, one reverse range scan of its weather.
 */
public final class FeatureQuery {

    private final ReadOnlyKeyValueStore<Bytes, byte[]> readings;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> series;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> weather;
    private final long retention;
    private final long weatherMaxAge;

    public FeatureQuery(
            ReadOnlyKeyValueStore<Bytes, byte[]> readings,
            ReadOnlyKeyValueStore<Bytes, byte[]> series,
            ReadOnlyKeyValueStore<Bytes, byte[]> weather,
            FeatureSettings settings) {
        this.readings = readings;
        this.series = series;
        this.weather = weather;
        this.retention = settings.retention().toMillis();
        this.weatherMaxAge = settings.weatherMaxAge().toMillis();
    }

    public FeatureLookup at(SeriesKey key, Instant timestamp) {
        byte[] prefix = StoreKeys.seriesPrefix(key);
        byte[] stored = series.get(Bytes.wrap(prefix));
        if (stored == null) {
            return new FeatureLookup.UnknownSeries(key);
        }
        long w = StoreKeys.toLong(stored);
        long t = timestamp.toEpochMilli();
        long lookback = WEEK + HOUR;
        if (t - lookback < w - retention) {
            return new FeatureLookup.OutsideRetention(key, Instant.ofEpochMilli(w - retention + lookback));
        }
        var window = new SeriesWindow(256);
        try (KeyValueIterator<Bytes, byte[]> it =
                readings.range(StoreKeys.timed(prefix, Math.max(0, t - lookback)), StoreKeys.timed(prefix, t))) {
            while (it.hasNext()) {
                var kv = it.next();
                window.append(StoreKeys.timestampOf(kv.key.get()), StoreKeys.toDouble(kv.value));
            }
        }
        double[] row = new double[Feature.COUNT];
        FeatureMath.computeByScan(window, t, row);
        double[] fields =
                WeatherLookup.asOf(weather, StoreKeys.assetPrefix(key.tenantId(), key.assetId()), t, weatherMaxAge);
        for (int i = 0; i < Feature.WEATHER_COUNT; i++) {
            row[Feature.WEATHER + i] = fields == null ? Double.NaN : fields[i];
        }
        return new FeatureLookup.Found(key, timestamp, new FeatureValues(row), Instant.ofEpochMilli(w));
    }
}
