package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.topology.features.internal.StoreKeys;
import io.aihub.topology.internal.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/** Key and value encodings of the anomaly log store (layout: {@code AnomalyStores}). */
public final class AnomalyKeys {

    static final byte COUNT_MARKER = (byte) 0xFF;

    private static final SingleObjectCodec<AnomalyEvent> CODEC = new SingleObjectCodec<>(
            AnomalyEvent.getEncoder(), AnomalyEvent.getDecoder(), "an anomaly event of the anomaly log");

    private AnomalyKeys() {}

    /**
     * The log key of an event: a detector's is keyed by its method, a registry model's by its method and model id
     * ({@code method/tenant:name:version}), so a model and a detector of the same method never overwrite each other.
     */
    public static Bytes eventKey(AnomalyEvent event) {
        String scorer = event.getModelId() == null ? event.getMethod() : event.getMethod() + "/" + event.getModelId();
        return eventKey(
                event.getTenantId(),
                event.getAssetId(),
                event.getTimestamp().toEpochMilli(),
                event.getMetric(),
                scorer);
    }

    public static Bytes eventKey(String tenantId, String assetId, long timestamp, String metric, String method) {
        byte[] timed = StoreKeys.timed(StoreKeys.assetPrefix(tenantId, assetId), timestamp)
                .get();
        byte[] m = metric.getBytes(StandardCharsets.UTF_8);
        byte[] d = method.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(timed, timed.length + m.length + 1 + d.length);
        System.arraycopy(m, 0, key, timed.length, m.length);
        System.arraycopy(d, 0, key, timed.length + m.length + 1, d.length);
        return Bytes.wrap(key);
    }

    public static Bytes countKey(byte[] assetPrefix, long dayStart) {
        byte[] key = Arrays.copyOf(assetPrefix, assetPrefix.length + 9);
        key[assetPrefix.length] = COUNT_MARKER;
        byte[] day = StoreKeys.longBytes(dayStart);
        System.arraycopy(day, 0, key, assetPrefix.length + 1, 8);
        return Bytes.wrap(key);
    }

    public static byte[] encode(AnomalyEvent event) {
        return CODEC.encode(event);
    }

    public static AnomalyEvent decode(byte[] bytes) {
        return CODEC.decode(bytes);
    }
}
