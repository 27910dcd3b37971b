package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.topology.anomaly.AnomalyLog;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.features.internal.StoreKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Every anomaly of the in-stream scorers passes here on its way to the {@code anomalies} topic: it is kept in
 * {@link AnomalyStores#ANOMALY_LOG} (for {@code GET /ml/anomalies/detect}) and counted per asset and UTC day (for the
 * {@code anomaly_count_*} features). Events older than {@code retention} behind the asset's newest anomaly are
 * deleted, daily counts after {@link AnomalyLog#COUNT_RETENTION}, at most once per hour of event time per asset.
 */
public final class AnomalyLogProcessor implements Processor<Object, Object, Object, Object> {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int MAX_TRACKED_ASSETS = 100_000;

    private final long retention;
    private final String sink;
    /** Per asset prefix: the newest anomaly time and when its entries were last purged. */
    private final Map<Bytes, long[]> assets = new HashMap<>();

    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<Bytes, byte[]> store;

    public AnomalyLogProcessor(Duration retention, String sink) {
        this.retention = retention.toMillis();
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        assets.clear();
        this.context = context;
        this.store = context.getStateStore(AnomalyStores.ANOMALY_LOG);
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (record.value() instanceof AnomalyEvent event) {
            remember(event);
        }
        Objects.requireNonNull(context).forward(record, sink);
    }

    private void remember(AnomalyEvent event) {
        var kv = Objects.requireNonNull(store);
        long t = event.getTimestamp().toEpochMilli();
        if (t < 0) {
            return;
        }
        Bytes key = AnomalyKeys.eventKey(event);
        boolean known = kv.get(key) != null;
        kv.put(key, AnomalyKeys.encode(event));
        byte[] prefix = StoreKeys.assetPrefix(event.getTenantId(), event.getAssetId());
        if (!known) {
            Bytes countKey = AnomalyKeys.countKey(prefix, Math.floorDiv(t, DAY) * DAY);
            byte[] count = kv.get(countKey);
            kv.put(countKey, StoreKeys.longBytes((count == null ? 0 : StoreKeys.toLong(count)) + 1));
        }
        long[] asset = assets.computeIfAbsent(Bytes.wrap(prefix), p -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
        asset[0] = Math.max(asset[0], t);
        if (asset[1] == Long.MIN_VALUE || asset[0] - asset[1] >= HOUR) {
            purge(prefix, asset[0]);
            asset[1] = asset[0];
        }
        if (assets.size() > MAX_TRACKED_ASSETS) {
            assets.clear(); // only purge bookkeeping: the next anomaly of each asset purges again
        }
    }

    private void purge(byte[] prefix, long newest) {
        var kv = Objects.requireNonNull(store);
        var doomed = new ArrayList<Bytes>();
        long eventCutoff = newest - retention;
        if (eventCutoff > 0) {
            collect(kv, StoreKeys.timed(prefix, 0), StoreKeys.timed(prefix, eventCutoff), doomed);
        }
        long countCutoff = Math.floorDiv(newest - AnomalyLog.COUNT_RETENTION.toMillis(), DAY) * DAY;
        if (countCutoff > 0) {
            collect(kv, AnomalyKeys.countKey(prefix, 0), AnomalyKeys.countKey(prefix, countCutoff), doomed);
        }
        for (Bytes key : doomed) {
            kv.delete(key);
        }
    }

    /** Keys in [from, to). */
    private static void collect(KeyValueStore<Bytes, byte[]> kv, Bytes from, Bytes to, ArrayList<Bytes> out) {
        try (KeyValueIterator<Bytes, byte[]> it = kv.range(from, to)) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                if (!key.equals(to)) {
                    out.add(key);
                }
            }
        }
    }
}
