package io.aihub.topology.maintenance.internal;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.topology.features.internal.DeadLetterForwarder;
import io.aihub.topology.features.internal.Rejection;
import io.aihub.topology.features.internal.StoreKeys;
import io.aihub.topology.internal.SingleObjectCodec;
import io.aihub.topology.maintenance.MaintenanceStores;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
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
 * Keeps the state of the maintenance views: the latest version of each asset, work order and alarm (by event time;
 * an older version than the kept one is superseded, not applied; alarms for 30 days behind the asset's newest), and per asset and UTC hour the statistics of its
 * accepted readings (the feature processor's vectors: valid, not late), for the 30 days behind its newest reading.
 * Invalid events go to the dead-letter sink with their reason. The views themselves are computed from these stores
 * when read ({@code MaintenanceViews}).
 */
public final class MaintenanceProcessor implements Processor<Object, Object, Object, Object> {

    public static final long HOUR = Duration.ofHours(1).toMillis();

    /** How many hours of statistics are kept behind the hour of the newest reading (the 30-day windows). */
    public static final long KEPT_HOURS = 30 * 24;

    /**
     * How long alarms are kept behind the asset's newest alarm: alarms count only in 30-day windows that end at or
     * after it, so older ones can never count again.
     */
    static final long ALARM_RETENTION = Duration.ofDays(30).toMillis();

    private final String deadLetterSink;
    private final Serializer<AssetEvent> assetSerializer;
    private final Serializer<WorkOrderEvent> workOrderSerializer;
    private final Serializer<AlarmEvent> alarmSerializer;
    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<Bytes, byte[]> assets;
    private @Nullable KeyValueStore<Bytes, byte[]> workOrders;
    private @Nullable KeyValueStore<Bytes, byte[]> alarms;
    private @Nullable KeyValueStore<Bytes, byte[]> hours;
    private @Nullable DeadLetterForwarder deadLetters;

    public MaintenanceProcessor(
            String deadLetterSink,
            Serializer<AssetEvent> assetSerializer,
            Serializer<WorkOrderEvent> workOrderSerializer,
            Serializer<AlarmEvent> alarmSerializer) {
        this.deadLetterSink = deadLetterSink;
        this.assetSerializer = assetSerializer;
        this.workOrderSerializer = workOrderSerializer;
        this.alarmSerializer = alarmSerializer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.assets = context.getStateStore(MaintenanceStores.ASSETS);
        this.workOrders = context.getStateStore(MaintenanceStores.WORK_ORDERS);
        this.alarms = context.getStateStore(MaintenanceStores.ALARMS);
        this.hours = context.getStateStore(MaintenanceStores.TELEMETRY_HOURS);
        this.deadLetters = new DeadLetterForwarder(context, deadLetterSink, "maintenance-");
    }

    @Override
    public void process(Record<Object, Object> record) {
        String key = record.key() instanceof String s ? s : null;
        switch (record.value()) {
            case FeatureVector vector -> onReading(vector);
            case AssetEvent e -> {
                Rejection r = MaintenanceRejections.ofAsset(key, e);
                if (r != null) {
                    reject(r, key, assetSerializer, e, record.timestamp());
                } else {
                    keepNewest(
                            store(assets),
                            StoreKeys.assetPrefix(e.getTenantId(), e.getAssetId()),
                            null,
                            e,
                            MaintenanceCodecs.ASSET,
                            AssetEvent::getTimestamp);
                }
            }
            case WorkOrderEvent e -> {
                Rejection r = MaintenanceRejections.ofWorkOrder(key, e);
                if (r != null) {
                    reject(r, key, workOrderSerializer, e, record.timestamp());
                } else {
                    keepNewest(
                            store(workOrders),
                            StoreKeys.assetPrefix(e.getTenantId(), e.getAssetId()),
                            e.getWorkOrderId(),
                            e,
                            MaintenanceCodecs.WORK_ORDER,
                            WorkOrderEvent::getTimestamp);
                }
            }
            case AlarmEvent e -> {
                Rejection r = MaintenanceRejections.ofAlarm(key, e);
                if (r != null) {
                    reject(r, key, alarmSerializer, e, record.timestamp());
                } else {
                    byte[] prefix = StoreKeys.assetPrefix(e.getTenantId(), e.getAssetId());
                    keepNewest(
                            store(alarms),
                            prefix,
                            e.getAlarmId(),
                            e,
                            MaintenanceCodecs.ALARM,
                            AlarmEvent::getTimestamp);
                    forgetAlarmsBefore(prefix, e.getTimestamp().toEpochMilli() - ALARM_RETENTION);
                }
            }
            case null -> dlq().forwardUnexpected(key, null, record.timestamp());
            default -> dlq().forwardUnexpected(key, record.value(), record.timestamp());
        }
    }

    private <T> void keepNewest(
            KeyValueStore<Bytes, byte[]> store,
            byte[] assetPrefix,
            @Nullable String childId,
            T event,
            SingleObjectCodec<T> codec,
            Function<T, java.time.Instant> time) {
        Bytes k = childId == null ? Bytes.wrap(assetPrefix) : MaintenanceCodecs.child(assetPrefix, childId);
        byte[] kept = store.get(k);
        if (kept == null || !time.apply(event).isBefore(time.apply(codec.decode(kept)))) {
            store.put(k, codec.encode(event));
        }
    }

    private void onReading(FeatureVector v) {
        long t = v.getTimestamp().toEpochMilli();
        byte[] prefix = StoreKeys.assetPrefix(v.getTenantId(), v.getAssetId());
        var store = store(hours);
        Bytes headKey = Bytes.wrap(prefix);
        byte[] head = store.get(headKey);
        // the head holds the hour of the asset's newest reading, written only when that hour changes (the exact
        // newest time, which the view needs, is the feature store's watermark); floorDiv also reads an older head
        // that held the exact time
        long newestHour = head == null ? Long.MIN_VALUE : Math.floorDiv(StoreKeys.toLong(head), HOUR) * HOUR;
        long hour = Math.floorDiv(t, HOUR) * HOUR;
        if (newestHour != Long.MIN_VALUE && hour <= newestHour - KEPT_HOURS * HOUR) {
            return; // outside every window of the asset (they end at its newest reading): no feature can change
        }
        Bytes bucketKey = StoreKeys.timed(prefix, hour);
        byte[] bucket = store.get(bucketKey);
        int metric = HourStats.indexOf(v.getMetric());
        // a reading of an untracked metric in an hour that already has one changes no feature (only the hour's
        // presence counts for it): the bucket is left as it is
        if (bucket == null || metric >= 0) {
            HourStats stats = bucket == null ? new HourStats() : HourStats.decode(bucket);
            stats.add(metric, v.getValue());
            store.put(bucketKey, stats.encode());
        }
        if (hour > newestHour) {
            store.put(headKey, StoreKeys.longBytes(hour));
            purge(store, prefix, hour - KEPT_HOURS * HOUR);
        }
    }

    /** Deletes the asset's alarms raised at or before {@code lastDropped} (one scan of the asset's alarms). */
    private void forgetAlarmsBefore(byte[] prefix, long lastDropped) {
        var store = store(alarms);
        var doomed = new java.util.ArrayList<Bytes>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(
                Bytes.wrap(prefix),
                org.apache.kafka.common.serialization.Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                var kv = it.next();
                if (MaintenanceCodecs.ALARM.decode(kv.value).getTimestamp().toEpochMilli() <= lastDropped) {
                    doomed.add(kv.key);
                }
            }
        }
        doomed.forEach(store::delete);
    }

    /** Deletes the asset's hour statistics of hours at or before {@code lastDropped}. */
    private static void purge(KeyValueStore<Bytes, byte[]> store, byte[] prefix, long lastDropped) {
        if (lastDropped < 0) {
            return;
        }
        var doomed = new java.util.ArrayList<Bytes>();
        try (KeyValueIterator<Bytes, byte[]> it =
                store.range(StoreKeys.timed(prefix, 0), StoreKeys.timed(prefix, lastDropped))) {
            while (it.hasNext()) {
                doomed.add(it.next().key);
            }
        }
        doomed.forEach(store::delete);
    }

    private <T extends SpecificRecord> void reject(
            Rejection rejection, @Nullable String key, Serializer<T> serializer, T value, long timestamp) {
        dlq().forwardValue(rejection, key, serializer, value, timestamp);
    }

    private DeadLetterForwarder dlq() {
        return Objects.requireNonNull(deadLetters, "init not called");
    }

    private static KeyValueStore<Bytes, byte[]> store(@Nullable KeyValueStore<Bytes, byte[]> store) {
        return Objects.requireNonNull(store, "init not called");
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
