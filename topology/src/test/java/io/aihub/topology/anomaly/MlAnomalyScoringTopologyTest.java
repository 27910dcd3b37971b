package io.aihub.topology.anomaly;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ModelStage;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.registry.ModelId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device's multivariate isolation forest over {@code metric:<name>} inputs: trained on the device's history read
 * back from the readings store, then scoring each new reading in-stream with the other metrics' latest values.
 */
class MlAnomalyScoringTopologyTest {

    private static final long MIN = 60_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final int N = 300;

    private ScoringDriver scoring;

    @BeforeEach
    void start() {
        scoring = new ScoringDriver("ml-scoring-test", START);
    }

    @AfterEach
    void stop() {
        scoring.close();
    }

    @Test
    void shouldReadTheDevicesAlignedHistoryBackFromTheStores() {
        // Given two metrics every minute, and one metric of another device
        sendHistory("dev-1");
        send("dev-2", "cpu", START, 1.0);

        // When the device's last 2 hours are read back
        AlignedRows rows = DeviceHistory.window(
                scoring.store(FeatureStores.READINGS),
                scoring.store(FeatureStores.SERIES),
                "acme",
                "dev-1",
                120 * MIN,
                1000);

        // Then its metrics, in name order, one row per minute of the window
        assertThat(rows.metrics()).containsExactly("cpu", "mem");
        assertThat(rows.size()).isEqualTo(120);
        assertThat(rows.timestamps()[119]).isEqualTo(START + (N - 1) * MIN);
        assertThat(rows.rows()[119]).containsExactly(cpu(N - 1), mem(N - 1));
        assertThat(DeviceHistory.metrics(scoring.store(FeatureStores.SERIES), "acme", "dev-1"))
                .isEqualTo(new DeviceHistory.Metrics(List.of("cpu", "mem"), START + (N - 1) * MIN));
    }

    @Test
    void shouldScoreEachNewReadingWithTheOtherMetricsLatestValuesAndEmitOnlyThoseAboveTheThreshold() {
        // Given an extended forest (hyperplane cuts, as training makes) on the device's history, promoted, with its
        // threshold at the 1% quantile
        sendHistory("dev-1");
        AlignedRows rows = DeviceHistory.window(
                scoring.store(FeatureStores.READINGS),
                scoring.store(FeatureStores.SERIES),
                "acme",
                "dev-1",
                N * MIN,
                1000);
        var forest = IsolationForestModel.train(List.of("metric:cpu", "metric:mem"), rows.rows(), 100, 42, 1);
        double[] scores =
                Arrays.stream(rows.rows()).mapToDouble(forest::score).sorted().toArray();
        double threshold = scores[(int) Math.ceil(0.99 * scores.length) - 1];
        scoring.register(
                new ModelId("acme", "iforest-dev-1", "v1.0.0"),
                forest,
                ModelStage.production,
                String.format(Locale.ROOT, "{\"asset_id\":\"dev-1\",\"score_threshold\":%.17g}", threshold));

        // When an ordinary cpu reading arrives, then a cpu outlier (mem's latest value comes from the store)
        send("dev-1", "cpu", START + N * MIN, cpu(N));
        send("dev-1", "cpu", START + (N + 1) * MIN, 500.0);
        // and then a reading of a metric the model was not trained on (it would re-score the outlier's row)
        send("dev-1", "temperature", START + (N + 2) * MIN, 21.0);

        // Then only the outlier is an anomaly of the model, on the anomalies topic and in the log
        List<AnomalyEvent> events = scoring.anomalies.readValuesToList().stream()
                .filter(e -> e.getModelId() != null)
                .toList();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getModelId()).isEqualTo("acme:iforest-dev-1:v1.0.0");
            assertThat(event.getMethod()).isEqualTo("isolation_forest");
            assertThat(event.getMetric()).isEqualTo("cpu");
            assertThat(event.getValue()).isEqualTo(500.0);
            assertThat(event.getIsAnomaly()).isTrue();
            assertThat(event.getSeverity()).isNotEqualTo(AnomalySeverity.none);
            assertThat(event.getSensitivity())
                    .isEqualTo(Math.max(0, forest.trainingScores().robustZ(threshold)));
            assertThat(event.getAnomalyScore()).isGreaterThan(event.getSensitivity());
        });
        assertThat(AnomalyLog.between(
                        scoring.store(AnomalyStores.ANOMALY_LOG), "acme", "dev-1", START, START + (N + 2) * MIN))
                .filteredOn(e -> e.getModelId() != null)
                .containsExactlyElementsOf(events);
    }

    /** cpu and mem every minute, mem following cpu, for N minutes. */
    private void sendHistory(String device) {
        for (int i = 0; i < N; i++) {
            send(device, "cpu", START + i * MIN, cpu(i));
            send(device, "mem", START + i * MIN, mem(i));
        }
    }

    private static double cpu(int i) {
        return 50 + new Random(i).nextGaussian();
    }

    private static double mem(int i) {
        return 2 * cpu(i) + new Random(1000 + i).nextGaussian() * 0.5;
    }

    private void send(String device, String metric, long timestamp, double value) {
        scoring.telemetry.pipeInput(
                SeriesKey.partitionKey("acme", device), reading("acme", device, metric, timestamp, value));
    }
}
