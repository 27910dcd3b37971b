package io.aihub.topology.features.internal;

import static io.aihub.topology.features.internal.FeatureMath.HOUR;
import static io.aihub.topology.features.internal.FeatureMath.WEEK;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import io.aihub.topology.Topics;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Accepts telemetry and weather (both keyed tenant:asset, co-partitioned), keeps the stores, and emits one
 * FeatureVector per accepted reading plus the hourly and daily aggregates on window close. Rejected records go to
 * the dead-letter sink. Semantics: topology/FEATURES.md.
 */
public final class FeatureProcessor
        implements Processor<String, SpecificRecord, Object, Object>, SeriesState.WindowSink {

    /**
     * Names of the children this processor forwards to; every one of {@code vectors} receives every feature vector
     * too (the in-stream anomaly detection).
     */
    public record Children(String features, String hourly, String daily, String deadLetter, List<String> vectors) {

        public Children {
            vectors = List.copyOf(vectors);
        }
    }

    /** Default bound on the readings held in heap by one processor before least recently used series are dropped. */
    public static final long MAX_HELD_READINGS = 2_000_000L;

    static final int MAX_HELD_ASSETS = 100_000;

    private final Children children;
    private final Serializer<TelemetryReading> telemetrySerializer;
    private final Serializer<WeatherObservation> weatherSerializer;
    private final long grace;
    private final long retention;
    private final long weatherMaxAge;
    private final int catalogVersion;
    private final Map<SeriesKey, SeriesState> seriesCache = new LinkedHashMap<>(1024, 0.75f, true);
    private final Map<String, AssetWeather> weatherCache = new LinkedHashMap<>(1024, 0.75f, true);
    private long heldReadings;
    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<Bytes, byte[]> readings;
    private @Nullable KeyValueStore<Bytes, byte[]> series;
    private @Nullable KeyValueStore<Bytes, byte[]> weather;
    private @Nullable DeadLetterForwarder deadLetters;

    private final long maxHeldReadings;

    public FeatureProcessor(FeatureSettings settings, Topics topics, Children children, long maxHeldReadings) {
        this.maxHeldReadings = maxHeldReadings;
        this.children = children;
        this.telemetrySerializer = topics.telemetry().valueSerde().serializer();
        this.weatherSerializer = topics.weather().valueSerde().serializer();
        this.grace = settings.grace().toMillis();
        this.retention = settings.retention().toMillis();
        this.weatherMaxAge = settings.weatherMaxAge().toMillis();
        this.catalogVersion = settings.catalog().version();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        // The heap windows mirror the stores; a task that is revived after a dirty close (e.g. an aborted EOS
        // transaction) has its stores wiped and restored, so the mirror must be rebuilt from them, never reused.
        seriesCache.clear();
        weatherCache.clear();
        heldReadings = 0;
        this.context = context;
        this.readings = context.getStateStore(FeatureStores.READINGS);
        this.series = context.getStateStore(FeatureStores.SERIES);
        this.weather = context.getStateStore(FeatureStores.WEATHER);
        this.deadLetters = new DeadLetterForwarder(context, children.deadLetter());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        switch (record.value()) {
            case TelemetryReading reading -> onReading(record.key(), reading);
            case WeatherObservation observation -> onWeather(record.key(), observation);
            case null -> dlq().forwardUnexpected(record.key(), null, record.timestamp());
            default -> dlq().forwardUnexpected(record.key(), record.value(), record.timestamp());
        }
    }

    private void onReading(@Nullable String key, TelemetryReading r) {
        long t = r.getTimestamp().toEpochMilli();
        Rejection rejection = Rejection.ofReading(key, r);
        if (rejection != null) {
            rejectReading(rejection, key, r, t);
            return;
        }
        // valid, so the key is tenant:asset (the partition key): not built again per reading
        String partitionKey = Objects.requireNonNull(key);
        var seriesKey = new SeriesKey(r.getTenantId(), r.getAssetId(), r.getMetric());
        SeriesState state = seriesState(seriesKey);
        long w = state.watermark();
        if (w != Long.MIN_VALUE && t < w - grace) {
            rejectReading(Rejection.late(t, w, grace, "series"), key, r, t);
            return;
        }
        double x = r.getValue();
        byte[] prefix = state.storePrefix();
        store(readings).put(StoreKeys.timed(prefix, t), StoreKeys.doubleBytes(x));
        double[] row = new double[Feature.COUNT];
        int before = state.heldReadings();
        if (t > w) {
            state.acceptNewest(t, x, grace, this, row);
            store(series).put(Bytes.wrap(prefix), StoreKeys.longBytes(t));
            if (state.watermark() - state.lastPurge() >= HOUR) {
                purge(readings, prefix, state.lastPurge(), state.watermark() - retention);
                state.purgedAt(state.watermark());
            }
        } else {
            state.acceptAtOrBeforeWatermark(t, x, row);
        }
        heldReadings += state.heldReadings() - before;
        weatherAsOf(partitionKey, r.getTenantId(), r.getAssetId(), t, row);
        var vector = new FeatureVector(
                r.getTenantId(),
                r.getAssetId(),
                r.getMetric(),
                r.getTimestamp(),
                x,
                new FeatureValues(row),
                catalogVersion);
        var out = new Record<Object, Object>(partitionKey, vector, t);
        ctx().forward(out, children.features());
        for (String child : children.vectors()) {
            ctx().forward(out, child);
        }
        evictSeriesIfNeeded();
    }

    private void onWeather(@Nullable String key, WeatherObservation o) {
        long t = o.getTimestamp().toEpochMilli();
        Rejection rejection = Rejection.ofWeather(key, o);
        if (rejection != null) {
            rejectWeather(rejection, key, o, t);
            return;
        }
        AssetWeather asset = assetWeather(key, o.getTenantId(), o.getAssetId());
        long w = asset.watermark();
        if (w != Long.MIN_VALUE && t < w - grace) {
            rejectWeather(Rejection.late(t, w, grace, "asset's weather"), key, o, t);
            return;
        }
        double[] fields = WeatherCodec.fields(o);
        store(weather).put(StoreKeys.timed(asset.storePrefix(), t), WeatherCodec.encode(fields));
        asset.accept(t, fields);
        if (t > w) {
            store(series).put(StoreKeys.assetWatermarkKey(asset.storePrefix()), StoreKeys.longBytes(t));
            if (t - asset.lastPurge() >= HOUR) {
                purge(weather, asset.storePrefix(), asset.lastPurge(), t - retention);
                asset.purgedAt(t);
            }
        }
    }

    /** Writes the weather features as of t: the latest observation in [t - weatherMaxAge, t]. */
    private void weatherAsOf(String partitionKey, String tenant, String asset, long t, double[] row) {
        AssetWeather state = assetWeather(partitionKey, tenant, asset);
        double[] fields = null;
        long latest = state.latestTimestamp();
        if (latest != Long.MIN_VALUE && t >= latest) {
            fields = latest >= t - weatherMaxAge ? state.latest() : null;
        } else if (latest != Long.MIN_VALUE) {
            fields = WeatherLookup.asOf(store(weather), state.storePrefix(), t, weatherMaxAge);
        }
        for (int i = 0; i < Feature.WEATHER_COUNT; i++) {
            row[Feature.WEATHER + i] = fields == null ? Double.NaN : fields[i];
        }
    }

    @Override
    public void closed(SeriesKey key, AggregateWindow window, long start, long end, Moments stats, long lastTimestamp) {
        double std = stats.std();
        var aggregate = new WindowAggregate(
                key.tenantId(),
                key.assetId(),
                key.metric(),
                window,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                stats.avg(),
                stats.min(),
                stats.max(),
                Double.isNaN(std) ? null : std,
                stats.count());
        String child = window == AggregateWindow.HOUR ? children.hourly() : children.daily();
        ctx().forward(new Record<Object, Object>(key.partitionKey(), aggregate, lastTimestamp), child);
    }

    private SeriesState seriesState(SeriesKey key) {
        SeriesState state = seriesCache.get(key);
        if (state != null) {
            return state;
        }
        byte[] prefix = StoreKeys.seriesPrefix(key);
        byte[] stored = store(series).get(Bytes.wrap(prefix));
        long w = stored == null ? Long.MIN_VALUE : StoreKeys.toLong(stored);
        var window = new SeriesWindow(64);
        if (stored != null) {
            long from = Math.max(0, w - WEEK - HOUR - grace);
            try (KeyValueIterator<Bytes, byte[]> it =
                    store(readings).range(StoreKeys.timed(prefix, from), StoreKeys.timed(prefix, w))) {
                while (it.hasNext()) {
                    var kv = it.next();
                    window.append(StoreKeys.timestampOf(kv.key.get()), StoreKeys.toDouble(kv.value));
                }
            }
        }
        state = new SeriesState(key, prefix, w, window);
        seriesCache.put(key, state);
        heldReadings += state.heldReadings();
        return state;
    }

    private AssetWeather assetWeather(@Nullable String partitionKey, String tenant, String asset) {
        String cacheKey = partitionKey == null ? SeriesKey.partitionKey(tenant, asset) : partitionKey;
        AssetWeather state = weatherCache.get(cacheKey);
        if (state != null) {
            return state;
        }
        byte[] prefix = StoreKeys.assetPrefix(tenant, asset);
        byte[] stored = store(series).get(StoreKeys.assetWatermarkKey(prefix));
        long w = stored == null ? Long.MIN_VALUE : StoreKeys.toLong(stored);
        long latestTs = Long.MIN_VALUE;
        double[] latest = new double[0];
        if (stored != null) {
            try (KeyValueIterator<Bytes, byte[]> it =
                    store(weather).reverseRange(StoreKeys.timed(prefix, 0), StoreKeys.timed(prefix, w))) {
                if (it.hasNext()) {
                    var kv = it.next();
                    latestTs = StoreKeys.timestampOf(kv.key.get());
                    latest = WeatherCodec.decode(kv.value);
                }
            }
        }
        state = new AssetWeather(prefix, w, latestTs, latest);
        weatherCache.put(cacheKey, state);
        if (weatherCache.size() > MAX_HELD_ASSETS) {
            var eldest = weatherCache.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return state;
    }

    private void evictSeriesIfNeeded() {
        var it = seriesCache.values().iterator();
        while (heldReadings > maxHeldReadings && seriesCache.size() > 1 && it.hasNext()) {
            heldReadings -= it.next().heldReadings();
            it.remove();
        }
    }

    /** Deletes the keys of one prefix with timestamps in [previous cutoff, cutoff). */
    private void purge(KeyValueStore<Bytes, byte[]> store, byte[] prefix, long lastPurge, long cutoff) {
        if (cutoff <= 0) {
            return;
        }
        long from = lastPurge == Long.MIN_VALUE ? 0 : Math.max(0, lastPurge - retention);
        var doomed = new ArrayList<Bytes>();
        try (KeyValueIterator<Bytes, byte[]> it =
                store.range(StoreKeys.timed(prefix, from), StoreKeys.timed(prefix, cutoff - 1))) {
            while (it.hasNext()) {
                doomed.add(it.next().key);
            }
        }
        for (Bytes key : doomed) {
            store.delete(key);
        }
    }

    private void rejectReading(Rejection rejection, @Nullable String key, TelemetryReading r, long t) {
        forwardRejected(rejection, key, telemetrySerializer, r, t);
    }

    private void rejectWeather(Rejection rejection, @Nullable String key, WeatherObservation o, long t) {
        forwardRejected(rejection, key, weatherSerializer, o, t);
    }

    private <V> void forwardRejected(
            Rejection rejection, @Nullable String key, Serializer<V> serializer, V value, long t) {
        dlq().forwardValue(rejection, key, serializer, value, t);
    }

    private ProcessorContext<Object, Object> ctx() {
        var c = context;
        if (c == null) {
            throw new IllegalStateException("processor used before init()");
        }
        return c;
    }

    private DeadLetterForwarder dlq() {
        var d = deadLetters;
        if (d == null) {
            throw new IllegalStateException("processor used before init()");
        }
        return d;
    }

    private static KeyValueStore<Bytes, byte[]> store(@Nullable KeyValueStore<Bytes, byte[]> store) {
        if (store == null) {
            throw new IllegalStateException("processor used before init()");
        }
        return store;
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
        seriesCache.clear();
        weatherCache.clear();
    }
}
