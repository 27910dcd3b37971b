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
        store = new DetectorStore(underneath, 2, 4);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void shouldWriteANewDetectorsBirthWhenItIsCreatedAndItsStateOnlyAtACheckpoint() {
        Bytes key = key("a");
        DetectorStore.Held held = learn(key, 1, 50);

        // the birth record: no state, learns nothing before its first reading
        assertThat(underneath.get(key)).hasSize(8);
        assertThat(StoreKeys.toLong(underneath.get(key))).isEqualTo(MIN5 - 1);
        store.flushCache();
        assertThat(underneath.get(key)).hasSize(8);

        assertThat(store.checkpoint()).isEqualTo(1);
        byte[] stored = underneath.get(key);
        assertThat(StoreKeys.toLong(stored)).isEqualTo(50 * MIN5);
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
            DetectorStore.Held held =
                    store.detector(key("a"), () -> Detectors.create(DetectionMethod.Z_SCORE, SEED), i * MIN5);
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
    void shouldWriteAStoredDetectorAtACheckpointNotAtACommit() {
        Bytes key = key("a");
        learn(key, 0, 10);
        assertThat(store.checkpoint()).isEqualTo(1);
        DetectorStore.Held held = learn(key, 10, 10);

        store.flushCache();
        assertThat(StoreKeys.toLong(underneath.get(key))).isEqualTo(9 * MIN5);
        assertThat(store.changed()).isEqualTo(1);

        assertThat(store.checkpoint()).isEqualTo(1);
        byte[] stored = underneath.get(key);
        assertThat(StoreKeys.toLong(stored)).isEqualTo(19 * MIN5);
        assertThat(Arrays.copyOfRange(stored, 8, stored.length))
                .isEqualTo(held.detector().toBytes());
        assertThat(store.changed()).isZero();
        assertThat(store.checkpoint()).isZero();
    }

    @Test
    void shouldCheckpointAShareOfTheChangedDetectorsLongestChangedFirst() {
        // Given 8 stored detectors (room for all in heap), changed again in the order k0..k7
        store = new DetectorStore(underneath, 100, 4);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        for (int k = 0; k < 8; k++) {
            learn(key("k" + k), 0, 2);
        }
        while (store.checkpoint() > 0) {
            // writes them all
        }
        for (int k = 0; k < 8; k++) {
            learn(key("k" + k), 2, 1);
        }

        // Then each checkpoint (4 ticks) writes a quarter of those changed, rounded up, the longest changed first
        assertThat(store.checkpoint()).isEqualTo(2);
        assertThat(lastsStored(8)).containsExactly(2L, 2L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(store.checkpoint()).isEqualTo(2);
        assertThat(store.checkpoint()).isEqualTo(1);
        assertThat(lastsStored(8)).containsExactly(2L, 2L, 2L, 2L, 2L, 1L, 1L, 1L);
        assertThat(store.checkpoint()).isEqualTo(1);
        assertThat(store.checkpoint()).isEqualTo(1);
        assertThat(store.checkpoint()).isEqualTo(1);
        assertThat(store.checkpoint()).isZero();
        assertThat(lastsStored(8)).containsOnly(2L);
    }

    @Test
    void shouldReadAStoredOrOnlyBornDetectorBackNotCaughtUpAndANewOneCaughtUp() {
        learn(key("a"), 0, 10);
        assertThat(store.checkpoint()).isEqualTo(1);
        learn(key("b"), 3, 10);

        var restarted = new DetectorStore(underneath, 4, 4);
        restarted.init(new MockProcessorContext<>().getStateStoreContext(), restarted);
        DetectorStore.Held stored =
                restarted.detector(key("a"), () -> Detectors.create(DetectionMethod.Z_SCORE, SEED), 20 * MIN5);
        DetectorStore.Held born =
                restarted.detector(key("b"), () -> Detectors.create(DetectionMethod.Z_SCORE, SEED), 20 * MIN5);
        DetectorStore.Held fresh =
                restarted.detector(key("c"), () -> Detectors.create(DetectionMethod.Z_SCORE, SEED), 20 * MIN5);

        assertThat(stored.caughtUp()).isFalse();
        assertThat(stored.last()).isEqualTo(9 * MIN5);
        assertThat(born.caughtUp()).isFalse();
        assertThat(born.last()).isEqualTo(3 * MIN5 - 1);
        assertThat(born.detector().toBytes())
                .isEqualTo(Detectors.create(DetectionMethod.Z_SCORE, SEED).toBytes());
        assertThat(fresh.caughtUp()).isTrue();
        assertThat(fresh.last()).isEqualTo(20 * MIN5 - 1);
        restarted.caughtUp(stored);
        assertThat(stored.caughtUp()).isTrue();
    }

    @Test
    void shouldKeepOnlyTheBirthOfADetectorClosedBeforeItsFirstCheckpoint() {
        learn(key("a"), 0, 10);

        assertThat(underneath.get(key("a"))).hasSize(8);
        assertThat(StoreKeys.toLong(underneath.get(key("a")))).isEqualTo(-1L);
        store.close();
        assertThat(store.changed()).isZero();
    }

    private DetectorStore.Held learn(Bytes key, int from, int n) {
        DetectorStore.Held held =
                store.detector(key, () -> Detectors.create(DetectionMethod.Z_SCORE, SEED), from * MIN5);
        for (int i = from; i < from + n; i++) {
            if (i * MIN5 > held.last()) {
                held.detector().update(i * MIN5, 50 + (i % 5), 3.0);
                store.learnt(key, held, i * MIN5);
            }
        }
        return held;
    }

    /** The last reading time stored for k0..k{n-1}, in 5-minute steps. */
    private List<Long> lastsStored(int n) {
        var lasts = new ArrayList<Long>();
        for (int k = 0; k < n; k++) {
            lasts.add(StoreKeys.toLong(underneath.get(key("k" + k))) / MIN5);
        }
        return lasts;
    }

    private static Bytes key(String name) {
        return Bytes.wrap(name.getBytes(StandardCharsets.UTF_8));
    }
}
