package io.aihub.topology.maintenance;

import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the maintenance views (all {@code KeyValueStore<Bytes, byte[]>}, persistent, changelogged).
 * Every key starts with the asset prefix of {@code StoreKeys.assetPrefix(tenant, asset)} (length-prefixed tenant,
 * then asset), so one asset is one contiguous key range and one tenant too: no read mixes tenants.
 */
public final class MaintenanceStores {

    /** asset prefix -> the asset's newest {@code AssetEvent} (Avro single-object encoding). */
    public static final String ASSETS = "aihub-maintenance-assets";

    /** asset prefix + work_order_id (UTF-8) -> the work order's newest {@code WorkOrderEvent}. */
    public static final String WORK_ORDERS = "aihub-maintenance-work-orders";

    /** asset prefix + alarm_id (UTF-8) -> the alarm's newest {@code AlarmEvent}. */
    public static final String ALARMS = "aihub-maintenance-alarms";

    /**
     * asset prefix -> the UTC hour start of the asset's newest accepted reading (8 bytes, written when that hour
     * changes; the exact newest time is the feature store's watermark); asset prefix + UTC hour start (8 bytes,
     * big-endian) -> that hour's statistics ({@code HourStats}), kept for the 30 days behind the newest reading.
     */
    public static final String TELEMETRY_HOURS = "aihub-maintenance-telemetry-hours";

    /** Every store the views are read from, in the order {@code MaintenanceViews} expects them. */
    public static final String[] ALL = {ASSETS, WORK_ORDERS, ALARMS, TELEMETRY_HOURS};

    private MaintenanceStores() {}

    static Set<StoreBuilder<?>> storeBuilders() {
        return Set.of(store(ASSETS), store(WORK_ORDERS), store(ALARMS), store(TELEMETRY_HOURS));
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
