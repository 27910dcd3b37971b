package io.aihub.topology.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A detector read back from a checkpoint older than its last readings (a restart, or a task moved to another instance)
 * learns what it missed from the readings store and then scores exactly as one that never stopped.
 */
class DetectorRestartTest {

    private static final long MIN5 = 300_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final SeriesKey SERIES = new SeriesKey("acme", "meter-1", "power_kw");

    @TempDir
    Path dir;

    /** One processor with its stores, as one task of the topology holds them. */
    private final class Task {
        final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        final DetectorStore detectors;
        final KeyValueStore<Bytes, byte[]> readings;
        final DetectorProcessor processor;
        final List<String> scores = new ArrayList<>();

        Task(FeatureCatalog catalog, KeyValueStore<Bytes, byte[]> stored, KeyValueStore<Bytes, byte[]> readings) {
            this.readings = readings;
            detectors = new DetectorStore(stored, 100, 60);
            detectors.init(context.getStateStoreContext(), detectors);
            readings.init(context.getStateStoreContext(), readings);
            context.addStateStore(detectors);
            context.addStateStore(readings);
            ScoreListener listener = (FeatureVector vector, DetectionMethod method, Scored scored) ->
                    scores.add(method.id() + "@" + vector.getTimestamp().toEpochMilli() + "=" + scored);
            processor = new DetectorProcessor(catalog.detectionPolicy(), ScoringSettings.defaults(), listener, "log");
            processor.init(context);
        }

        /** The feature processor's part: the reading into the readings store, then its vector to the detectors. */
        void read(long t, double value) {
            readings.put(StoreKeys.timed(StoreKeys.seriesPrefix(SERIES), t), StoreKeys.doubleBytes(value));
            process(t, value);
        }

        void process(long t, double value) {
            var vector = FeatureVector.newBuilder()
                    .setTenantId(SERIES.tenantId())
                    .setAssetId(SERIES.assetId())
                    .setMetric(SERIES.metric())
                    .setTimestamp(Instant.ofEpochMilli(t))
                    .setValue(value)
                    .setFeatures(Map.of())
                    .setCatalogVersion(1)
                    .build();
            processor.process(new Record<>(SERIES.partitionKey(), vector, t));
        }

        List<AnomalyEvent> events() {
            return context.forwarded().stream()
                    .map(forward -> (AnomalyEvent) forward.record().value())
                    .toList();
        }
    }

    @Test
    void shouldCatchUpFromTheReadingsAndScoreAsIfItHadNeverStopped() throws Exception {
        // Given two weeks of 5-minute readings with a few spikes, scored by the default detector and z_score
        FeatureCatalog features = catalog();
        var random = new Random(17);
        int n = 4032;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double daily = 10 * Math.sin(2 * Math.PI * (i % 288) / 288.0);
            values[i] = 50 + daily + random.nextGaussian() + (i % 997 == 500 ? 40 : 0);
        }
        var reference = new Task(features, memory(AnomalyStores.DETECTORS), memory(FeatureStores.READINGS));
        for (int i = 0; i < n; i++) {
            reference.read(START + i * MIN5, values[i]);
        }

        // When a task (its two new detectors stored only as birth records) commits after reading 1000 (writing no
        // detector), checkpoints once at 2000 (the older of its two changed detectors), commits again at 2999, reads
        // on to 3100 and dies; its readings store, restored from its changelog, also holds readings not yet committed
        // (to 3100); the task restarts on the stored detectors (one state, one birth record) and the same readings,
        // re-delivered from 3000
        KeyValueStore<Bytes, byte[]> stored = memory(AnomalyStores.DETECTORS);
        KeyValueStore<Bytes, byte[]> readings = memory(FeatureStores.READINGS);
        var first = new Task(features, stored, readings);
        for (int i = 0; i < 3100; i++) {
            first.read(START + i * MIN5, values[i]);
            if (i == 1000) {
                first.detectors.flushCache();
            }
            if (i == 2000) {
                assertThat(first.detectors.checkpoint()).isEqualTo(1);
                first.detectors.flushCache();
            }
            if (i == 2999) {
                first.detectors.flushCache();
            }
        }
        var restarted = new Task(features, stored, readings);
        for (int i = 3000; i < n; i++) {
            restarted.read(START + i * MIN5, values[i]);
        }

        // Then from 3000 on the restarted task scores every reading and flags every anomaly exactly as the reference
        int fromReference = (int) reference.scores.stream()
                .filter(s -> Long.parseLong(s.substring(s.indexOf('@') + 1, s.indexOf('='))) < START + 3000 * MIN5)
                .count();
        assertThat(restarted.scores).hasSize(2 * (n - 3000));
        assertThat(restarted.scores)
                .containsExactlyElementsOf(reference.scores.subList(fromReference, reference.scores.size()));
        List<AnomalyEvent> expected = reference.events().stream()
                .filter(e -> e.getTimestamp().toEpochMilli() >= START + 3000 * MIN5)
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(restarted.events()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldCatchUpFromTheBirthRecordsOfDetectorsNeverCheckpointed() throws Exception {
        // Given a day of 5-minute readings scored by the default detector and z_score, without a restart
        FeatureCatalog features = catalog();
        var random = new Random(5);
        int n = 600;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian() + (i == 450 ? 30 : 0);
        }
        var reference = new Task(features, memory(AnomalyStores.DETECTORS), memory(FeatureStores.READINGS));
        for (int i = 0; i < n; i++) {
            reference.read(START + i * MIN5, values[i]);
        }

        // When a task reads from 100 on (the series' earlier readings were never scored: detection came later),
        // commits at 300, dies at 350 before any checkpoint, and restarts on the readings re-delivered from 301
        KeyValueStore<Bytes, byte[]> stored = memory(AnomalyStores.DETECTORS);
        KeyValueStore<Bytes, byte[]> readings = memory(FeatureStores.READINGS);
        for (int i = 0; i < 100; i++) {
            readings.put(StoreKeys.timed(StoreKeys.seriesPrefix(SERIES), START + i * MIN5), StoreKeys.doubleBytes(0));
        }
        var first = new Task(features, stored, readings);
        var uninterrupted = new Task(features, memory(AnomalyStores.DETECTORS), memory(FeatureStores.READINGS));
        for (int i = 100; i < 350; i++) {
            first.read(START + i * MIN5, values[i]);
            if (i == 300) {
                first.detectors.flushCache();
            }
        }
        for (int i = 100; i < n; i++) {
            uninterrupted.read(START + i * MIN5, values[i]);
        }
        var restarted = new Task(features, stored, readings);
        for (int i = 301; i < n; i++) {
            restarted.read(START + i * MIN5, values[i]);
        }

        // Then it learnt from its first reading (100) on, not from the older ones, and scores as if it never stopped
        List<String> expected = uninterrupted.scores.stream()
                .filter(s -> Long.parseLong(s.substring(s.indexOf('@') + 1, s.indexOf('='))) >= START + 350 * MIN5)
                .toList();
        List<String> after = restarted.scores.stream()
                .filter(s -> Long.parseLong(s.substring(s.indexOf('@') + 1, s.indexOf('='))) >= START + 350 * MIN5)
                .toList();
        assertThat(after).hasSize(2 * (n - 350)).containsExactlyElementsOf(expected);
        assertThat(after).isNotEqualTo(reference.scores.subList(2 * 350, 2 * n));
    }

    /** A catalog whose detection default is the default detector and z_score. */
    private FeatureCatalog catalog() throws Exception {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
                version: 1
                feature_sets:
                  basic: {features: [hour_of_day]}
                anomaly_detection:
                  default: {methods: [seasonal_likelihood, z_score]}
                """);
        return FeatureCatalog.load(catalog);
    }

    /** A store that outlives its task, as a changelogged store's content does (the task dies without closing it). */
    private static KeyValueStore<Bytes, byte[]> memory(String name) {
        return Stores.inMemoryKeyValueStore(name).get();
    }
}
