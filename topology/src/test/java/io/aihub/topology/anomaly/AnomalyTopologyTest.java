package io.aihub.topology.anomaly;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.anomaly.internal.DetectorProcessor;
import io.aihub.topology.anomaly.internal.DetectorStore;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's detectors score every reading in-stream; anomalies reach the topic and the anomaly log. */
class AnomalyTopologyTest {

    private static final long MIN5 = 300_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private final List<String> scores = new ArrayList<>();
    private ScoringDriver scoring;
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, AnomalyEvent> anomalies;

    @BeforeEach
    void start() throws IOException {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
                version: 1
                feature_sets:
                  basic: {features: [hour_of_day]}
                anomaly_detection:
                  default: {methods: [prophet_decomposition]}
                  tenants:
                    acme:
                      methods: [z_score]
                      assets:
                        quiet: {methods: []}
                        strict: {methods: [iqr, z_score], sensitivity: 4.5}
                """);
        ScoreListener listener =
                (FeatureVector vector, DetectionMethod method, Scored scored) -> scores.add(vector.getAssetId() + "/"
                        + method.id() + "@" + vector.getTimestamp().toEpochMilli());
        scoring = new ScoringDriver("anomaly-test", START, FeatureCatalog.load(catalog), listener);
        driver = scoring.driver;
        telemetry = scoring.telemetry;
        anomalies = scoring.anomalies;
    }

    @AfterEach
    void stop() {
        scoring.close();
    }

    @Test
    void shouldFlagASpikeWithTheTenantsMethodAndKeepItInTheLog() {
        // Given 200 noisy readings around 50, then a spike of 90
        noisySeries("acme", "meter-1", 200, 50.0, 0);
        send("acme", "meter-1", START + 200 * MIN5, 90.0);

        // Then exactly the spike is an anomaly, scored by the tenant's method
        List<AnomalyEvent> events = anomalies.readValuesToList();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getMethod()).isEqualTo("z_score");
            assertThat(event.getValue()).isEqualTo(90.0);
            assertThat(event.getSeverity()).isEqualTo(AnomalySeverity.critical);
            assertThat(event.getModelId()).isNull();
            assertThat(event.getSensitivity()).isEqualTo(3.0);
            assertThat(event.getExpectedRange().getMean()).isBetween(49.0, 51.0);
        });
        // And the anomaly log answers it for that asset and window only
        KeyValueStore<Bytes, byte[]> log = driver.getKeyValueStore(AnomalyStores.ANOMALY_LOG);
        assertThat(AnomalyLog.between(log, "acme", "meter-1", START, START + 300 * MIN5))
                .containsExactlyElementsOf(events);
        assertThat(AnomalyLog.between(log, "acme", "meter-1", START, START + 199 * MIN5))
                .isEmpty();
        assertThat(AnomalyLog.between(log, "other", "meter-1", START, START + 300 * MIN5))
                .isEmpty();
        assertThat(AnomalyLog.count(log, "acme", "meter-1", START, START + 300 * MIN5))
                .isEqualTo(1);
    }

    @Test
    void shouldApplyTheMostSpecificRuleOfTheCatalog() {
        // Given the same clean series and spike on four assets
        for (String asset : List.of("quiet", "strict")) {
            noisySeries("acme", asset, 200, 50.0, 0);
            send("acme", asset, START + 200 * MIN5, 90.0);
        }
        noisySeries("globex", "meter-1", 200, 50.0, 0);
        send("globex", "meter-1", START + 200 * MIN5, 90.0);

        // Then the quiet asset is not scored; the strict one by both its methods at its own sensitivity; another
        // tenant by the default method
        List<AnomalyEvent> events = anomalies.readValuesToList();
        assertThat(events)
                .extracting(
                        e -> e.getTenantId() + "/" + e.getAssetId() + "/" + e.getMethod() + "/" + e.getSensitivity())
                .containsExactlyInAnyOrder(
                        "acme/strict/iqr/4.5", "acme/strict/z_score/4.5", "globex/meter-1/prophet_decomposition/3.0");
        assertThat(scores).noneMatch(s -> s.startsWith("quiet/"));
        assertThat(scores).filteredOn(s -> s.startsWith("strict/")).hasSize(2 * 201);
    }

    @Test
    void shouldNotScoreADuplicateOrLateReadingTwice() {
        noisySeries("acme", "meter-1", 100, 50.0, 0);
        int before = scores.size();

        send("acme", "meter-1", START + 99 * MIN5, 50.0); // the same timestamp again
        send("acme", "meter-1", START + 90 * MIN5, 50.0); // late, within the grace period

        assertThat(scores).hasSize(before);
        send("acme", "meter-1", START + 100 * MIN5, 50.0);
        assertThat(scores).hasSize(before + 1);
    }

    @Test
    void shouldKeepDetectorStateInTheStoreSoThatItOutlivesTheHeapCopy() {
        noisySeries("acme", "meter-1", 100, 50.0, 0);
        for (int tick = 0; tick < AnomalyStores.CHECKPOINT_TICKS; tick++) {
            driver.advanceWallClockTime(DetectorProcessor.CHECKPOINT_TICK);
        }
        var detectors = (DetectorStore) driver.getStateStore(AnomalyStores.DETECTORS);
        byte[] state = detectors.storedBytes(
                AnomalyStores.detectorKey(new SeriesKey("acme", "meter-1", "power_kw"), DetectionMethod.Z_SCORE));
        assertThat(state).isNotNull();
        assertThat(state.length).isGreaterThan(8);
    }

    private void noisySeries(String tenant, String asset, int n, double mean, long offset) {
        var random = new Random(42);
        for (int i = 0; i < n; i++) {
            send(tenant, asset, START + offset + i * MIN5, mean + random.nextGaussian());
        }
    }

    private void send(String tenant, String asset, long t, double value) {
        telemetry.pipeInput(SeriesKey.partitionKey(tenant, asset), reading(tenant, asset, "power_kw", t, value), t);
    }
}
