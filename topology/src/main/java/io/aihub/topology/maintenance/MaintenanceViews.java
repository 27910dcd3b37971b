package io.aihub.topology.maintenance;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.WorkOrderEvent;
import io.aihub.topology.anomaly.AnomalyLog;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.DeviceHistory;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.internal.StoreKeys;
import io.aihub.topology.maintenance.internal.AssetFeatures;
import io.aihub.topology.maintenance.internal.HourStats;
import io.aihub.topology.maintenance.internal.MaintenanceCodecs;
import io.aihub.topology.maintenance.internal.MaintenanceProcessor;
import io.aihub.topology.maintenance.internal.TelemetryFeatures;
import io.aihub.topology.maintenance.internal.WorkOrderFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the maintenance views from the stores of one partition (or all local ones): each row is computed from the
 * asset's kept events when read, so it is exactly the view as of its event timestamp. Every key read starts with the
 * tenant (and asset), so no answer mixes tenants.
 */
public record MaintenanceViews(
        ReadOnlyKeyValueStore<Bytes, byte[]> assets,
        ReadOnlyKeyValueStore<Bytes, byte[]> workOrders,
        ReadOnlyKeyValueStore<Bytes, byte[]> alarms,
        ReadOnlyKeyValueStore<Bytes, byte[]> hours,
        ReadOnlyKeyValueStore<Bytes, byte[]> anomalyLog,
        ReadOnlyKeyValueStore<Bytes, byte[]> series) {

    /** The stores {@link #of(ReadOnlyKeyValueStore[])} expects, in this order. */
    public static final String[] STORES = {
        MaintenanceStores.ASSETS,
        MaintenanceStores.WORK_ORDERS,
        MaintenanceStores.ALARMS,
        MaintenanceStores.TELEMETRY_HOURS,
        AnomalyStores.ANOMALY_LOG,
        FeatureStores.SERIES
    };

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = MaintenanceProcessor.HOUR;

    public static MaintenanceViews of(ReadOnlyKeyValueStore<Bytes, byte[]>[] stores) {
        return new MaintenanceViews(stores[0], stores[1], stores[2], stores[3], stores[4], stores[5]);
    }

    /** The asset's row of {@code view}, empty when nothing has contributed to it. */
    public Optional<ViewRow> row(MaintenanceView view, String tenantId, String assetId) {
        byte[] prefix = StoreKeys.assetPrefix(tenantId, assetId);
        return switch (view) {
            case ASSET_FEATURES -> AssetFeatures.compute(asset(prefix), workOrders(prefix), alarms(prefix));
            case WORK_ORDER_FEATURES -> WorkOrderFeatures.compute(workOrders(prefix));
            case TELEMETRY_FEATURES -> telemetry(prefix, tenantId, assetId);
        };
    }

    /** The ids of every asset of the tenant that has a row in some view, in key order. */
    public SortedSet<String> assetsOf(String tenantId) {
        var out = new TreeSet<String>();
        Bytes tenant = Bytes.wrap(MaintenanceCodecs.tenantPrefix(tenantId));
        for (var store : List.of(assets, workOrders, alarms)) {
            scan(store, tenant, kv -> out.add(MaintenanceCodecs.assetOf(kv.key.get())));
        }
        scan(hours, tenant, kv -> {
            byte[] key = kv.key.get();
            if (key.length == MaintenanceCodecs.assetPrefixLength(key)) {
                out.add(MaintenanceCodecs.assetOf(key));
            }
        });
        return out;
    }

    private Optional<ViewRow> telemetry(byte[] prefix, String tenantId, String assetId) {
        if (hours.get(Bytes.wrap(prefix)) == null) {
            return Optional.empty();
        }
        // the asset's newest accepted reading: the largest watermark of its series in the feature store
        long newest = DeviceHistory.metrics(series, tenantId, assetId).newest();
        if (newest == Long.MIN_VALUE) {
            return Optional.empty();
        }
        long lastHour = Math.floorDiv(newest, HOUR) * HOUR;
        var stats = new TreeMap<Long, HourStats>();
        long first = Math.max(0, lastHour - (MaintenanceProcessor.KEPT_HOURS - 1) * HOUR);
        try (KeyValueIterator<Bytes, byte[]> it =
                hours.range(StoreKeys.timed(prefix, first), StoreKeys.timed(prefix, lastHour))) {
            while (it.hasNext()) {
                var kv = it.next();
                stats.put(StoreKeys.timestampOf(kv.key.get()), HourStats.decode(kv.value));
            }
        }
        long[] anomalies = new long[3];
        int[] days = {7, 30, 90};
        for (int i = 0; i < days.length; i++) {
            anomalies[i] = AnomalyLog.count(anomalyLog, tenantId, assetId, newest - (days[i] - 1) * DAY, newest);
        }
        AssetEvent asset = asset(prefix);
        return Optional.of(TelemetryFeatures.compute(
                newest, stats, asset == null ? null : asset.getInstalledCapacityKw(), anomalies));
    }

    private @org.jspecify.annotations.Nullable AssetEvent asset(byte[] prefix) {
        byte[] bytes = assets.get(Bytes.wrap(prefix));
        return bytes == null ? null : MaintenanceCodecs.ASSET.decode(bytes);
    }

    private List<WorkOrderEvent> workOrders(byte[] prefix) {
        var out = new ArrayList<WorkOrderEvent>();
        scan(workOrders, Bytes.wrap(prefix), kv -> out.add(MaintenanceCodecs.WORK_ORDER.decode(kv.value)));
        return out;
    }

    private List<AlarmEvent> alarms(byte[] prefix) {
        var out = new ArrayList<AlarmEvent>();
        scan(alarms, Bytes.wrap(prefix), kv -> out.add(MaintenanceCodecs.ALARM.decode(kv.value)));
        return out;
    }

    private static void scan(
            ReadOnlyKeyValueStore<Bytes, byte[]> store, Bytes prefix, Consumer<KeyValue<Bytes, byte[]>> each) {
        try (KeyValueIterator<Bytes, byte[]> it =
                store.prefixScan(prefix, Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                each.accept(it.next());
            }
        }
    }
}
