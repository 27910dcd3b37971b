package io.aihub.topology.features.internal;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/** Latest-as-of weather from the WEATHER store: one reverse range scan of [t - maxAge, t]. */
public final class WeatherLookup {

    private WeatherLookup() {}

    /** The six fields of the latest observation in [t - maxAge, t] of the asset, or null if there is none. */
    public static double @Nullable [] asOf(
            ReadOnlyKeyValueStore<Bytes, byte[]> weather, byte[] assetPrefix, long t, long maxAge) {
        long from = Math.max(0, t - maxAge);
        if (t < 0) {
            return null;
        }
        try (KeyValueIterator<Bytes, byte[]> it =
                weather.reverseRange(StoreKeys.timed(assetPrefix, from), StoreKeys.timed(assetPrefix, t))) {
            return it.hasNext() ? WeatherCodec.decode(it.next().value) : null;
        }
    }
}
