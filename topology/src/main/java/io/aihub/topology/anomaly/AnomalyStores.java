package io.aihub.topology.anomaly;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.internal.DetectorStore;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores of in-stream anomaly detection (persistent RocksDB, changelogged, {@code KeyValueStore<Bytes, byte[]>},
 * co-partitioned with the feature stores: keyed by tenant and asset first).
 *
 * <ul>
 *   <li>{@link #DETECTORS}: series prefix + method name -> 8-byte timestamp of the last reading learnt + the
 *       detector's state ({@code Detector.toBytes()}). Write-behind with checkpoints ({@link DetectorStore}):
 *       detectors are held in heap and each changed one is written about once a minute ({@link #CHECKPOINT_TICKS}
 *       ticks of {@link io.aihub.topology.anomaly.internal.DetectorProcessor#CHECKPOINT_TICK}), spread over the
 *       minute, so the changelog gets about one record per detector per minute, and a commit does not stop the stream
 *       thread to write them all; a detector read back from the store catches up from the readings store.
 *   <li>{@link #ANOMALY_LOG}: asset prefix + 8-byte timestamp + metric + 0x00 + method (a registry model's event:
 *       method + '/' + model id) -> the {@code AnomalyEvent}
 *       (Avro single-object encoding), and asset prefix + 0xFF + 8-byte UTC day start -> 8-byte count of that day's
 *       anomalies. A timestamp's first byte is below 0x80, so the two kinds of keys never interleave.
 * </ul>
 */
public final class AnomalyStores {

    public static final String DETECTORS = "aihub-detectors";
    public static final String ANOMALY_LOG = "aihub-anomaly-log";

    private AnomalyStores() {}

    /** Detectors held deserialised in heap per task; the least recently used beyond this are re-read when needed. */
    public static final int MAX_HELD_DETECTORS = 20_000;

    /** Checkpoint ticks after which a changed detector is written (at a steady rate): a minute. */
    public static final int CHECKPOINT_TICKS = 60;

    public static StoreBuilder<? extends StateStore> detectors() {
        return DetectorStore.builder(DETECTORS, MAX_HELD_DETECTORS, CHECKPOINT_TICKS);
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> anomalyLog() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ANOMALY_LOG), Serdes.Bytes(), Serdes.ByteArray());
    }

    /** The key of one series' detector of one method. */
    public static Bytes detectorKey(SeriesKey series, DetectionMethod method) {
        byte[] prefix = StoreKeys.seriesPrefix(series);
        byte[] name = method.id().getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(prefix, prefix.length + name.length);
        System.arraycopy(name, 0, key, prefix.length, name.length);
        return Bytes.wrap(key);
    }
}
