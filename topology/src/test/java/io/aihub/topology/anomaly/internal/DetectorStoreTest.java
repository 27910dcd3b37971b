package io.aihub.topology.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.features.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DetectorStoreTest {

    private static final long SEED = 7L;
    private static final long MIN5 = 300_000L;

    private KeyValueStore<Bytes, byte[]> underneath;
    private DetectorStore store;

    @BeforeEach
    void setUp() {
        underneath = Stores.inMemoryKeyValueStore("detectors").get();
        store = new DetectorStore(underneath, 2);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldWriteStateOnlyWhenTheTaskCommitsAndThenExactlyTheHeldState() {
        Bytes key = key("a");
        DetectorStore.Held held = learn(key, 0, 50);

        assertThat(underneath.get(key)).isNull();
        store.flushCache();

        byte[] stored = underneath.get(key);
        assertThat(StoreKeys.toLong(stored)).isEqualTo(49 * MIN5);
        assertThat(Arrays.copyOfRange(stored, 8, stored.length))
                .isEqualTo(held.detector().toBytes());
    }

    @Test
    void shouldWriteADetectorThatLeavesTheHeapAndScoreOnExactlyAsIfItHadStayed() {
        Detector reference = Detectors.create(DetectionMethod.Z_SCORE, SEED);
        var random = new Random(3);
        List<Scored> expected = new ArrayList<>();
        List<Scored> actual = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double x = 50 + random.nextGaussian() + (i == 55 ? 30 : 0);
            expected.add(reference.update(i * MIN5, x, 3.0));
            DetectorStore.Held held = store.detector(key("a"), () -> Detectors.create(DetectionMethod.Z_SCORE, SEED));
            actual.add(held.detector().update(i * MIN5, x, 3.0));
            store.learnt(key("a"), held, i * MIN5);
            // two other series push "a" out of the heap (capacity 2) every few readings
            if (i % 7 == 0) {
                learn(key("b"), i, 1);
                learn(key("c"), i, 1);
            }
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(underneath.get(key("a"))).isNotNull();
    }

    @Test
    void shouldDiscardWhatWasNotCommittedWhenClosed() {
        learn(key("a"), 0, 10);
        store.close();

        assertThat(underneath.get(key("a"))).isNull();
    }

    private DetectorStore.Held learn(Bytes key, int from, int n) {
        DetectorStore.Held held = store.detector(key, () -> Detectors.create(DetectionMethod.Z_SCORE, SEED));
        for (int i = from; i < from + n; i++) {
            if (i * MIN5 > held.last()) {
                held.detector().update(i * MIN5, 50 + (i % 5), 3.0);
                store.learnt(key, held, i * MIN5);
            }
        }
        return held;
    }

    private static Bytes key(String name) {
        return Bytes.wrap(name.getBytes(StandardCharsets.UTF_8));
    }
}
