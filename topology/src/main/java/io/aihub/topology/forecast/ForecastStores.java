package io.aihub.topology.forecast;

import io.aihub.schemas.ForecastEvent;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import io.aihub.topology.internal.SingleObjectCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * The store of in-stream forecasts, {@link #FORECASTS} (persistent RocksDB, changelogged, co-partitioned with the
 * feature stores): series prefix (as the readings store's) -> the series' latest {@link ForecastEvent} (Avro
 * single-object encoding). A series prefix starts with its asset prefix, so one range scan finds an asset's series.
 */
public final class ForecastStores {

    public static final String FORECASTS = "aihub-forecasts";

    private static final SingleObjectCodec<ForecastEvent> CODEC =
            new SingleObjectCodec<>(ForecastEvent.getEncoder(), ForecastEvent.getDecoder(), "a forecast event");

    private ForecastStores() {}

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> forecasts() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FORECASTS), Serdes.Bytes(), Serdes.ByteArray());
    }

    /** The key of one series' latest forecast. */
    public static Bytes key(SeriesKey series) {
        return Bytes.wrap(StoreKeys.seriesPrefix(series));
    }

    /** The latest forecast of every series of an asset (every metric), in metric byte order. */
    public static List<ForecastEvent> ofAsset(
            ReadOnlyKeyValueStore<Bytes, byte[]> store, String tenantId, String assetId) {
        var found = new ArrayList<ForecastEvent>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(
                Bytes.wrap(StoreKeys.assetPrefix(tenantId, assetId)),
                Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> found.add(decode(kv.value)));
        }
        return found;
    }

    /** The series' latest forecast, or null. */
    public static @Nullable ForecastEvent of(ReadOnlyKeyValueStore<Bytes, byte[]> store, SeriesKey series) {
        byte[] stored = store.get(key(series));
        return stored == null ? null : decode(stored);
    }

    public static byte[] encode(ForecastEvent event) {
        return CODEC.encode(event);
    }

    public static ForecastEvent decode(byte[] bytes) {
        return CODEC.decode(bytes);
    }
}
