package io.aihub.topology.anomaly;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.topology.anomaly.internal.AnomalyKeys;
import io.aihub.topology.features.internal.StoreKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the {@link AnomalyStores#ANOMALY_LOG} store of one tenant's asset: its anomalies in a time window and its
 * daily anomaly counts. Every key read starts with the tenant and asset, so no answer mixes tenants or assets.
 */
public final class AnomalyLog {

    /** How long daily anomaly counts are kept (for {@code anomaly_count_90d}), behind the asset's latest anomaly. */
    public static final Duration COUNT_RETENTION = Duration.ofDays(91);

    private static final long DAY = Duration.ofDays(1).toMillis();

    private AnomalyLog() {}

    /** The asset's anomalies with {@code from <= timestamp <= to}, oldest first (then by metric and method). */
    public static List<AnomalyEvent> between(
            ReadOnlyKeyValueStore<Bytes, byte[]> store, String tenantId, String assetId, long from, long to) {
        byte[] prefix = StoreKeys.assetPrefix(tenantId, assetId);
        var out = new ArrayList<AnomalyEvent>();
        if (to < from || to < 0) {
            return out;
        }
        // the upper bound: the first key after every event key of timestamp `to`
        Bytes upper = StoreKeys.timed(prefix, Math.max(0, to) + 1);
        try (KeyValueIterator<Bytes, byte[]> it = store.range(StoreKeys.timed(prefix, Math.max(0, from)), upper)) {
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key.equals(upper)) {
                    continue;
                }
                out.add(AnomalyKeys.decode(kv.value));
            }
        }
        return out;
    }

    /** The number of the asset's anomalies on the UTC days overlapping {@code [from, to]} (day granularity). */
    public static long count(
            ReadOnlyKeyValueStore<Bytes, byte[]> store, String tenantId, String assetId, long from, long to) {
        byte[] prefix = StoreKeys.assetPrefix(tenantId, assetId);
        long total = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(
                AnomalyKeys.countKey(prefix, Math.floorDiv(from, DAY) * DAY),
                AnomalyKeys.countKey(prefix, Math.floorDiv(to, DAY) * DAY))) {
            while (it.hasNext()) {
                total += StoreKeys.toLong(it.next().value);
            }
        }
        return total;
    }
}
