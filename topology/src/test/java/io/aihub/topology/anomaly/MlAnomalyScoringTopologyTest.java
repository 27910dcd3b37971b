package io.aihub.topology.anomaly;

import static io.aihub.topology.features.FeatureDriver.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryCommandType;
import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.AihubTopology;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
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

    private final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    private final Map<String, byte[]> artifacts = new HashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RegistryCommand> commands;
    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, AnomalyEvent> anomalies;

    @BeforeEach
    void start() throws IOException {
        var models = new ProductionModels(
                new ModelCache(new ModelCacheSettings(4, Duration.ofHours(1), 1 << 24)),
                ref -> artifacts.get(ref.modelId()));
        var topology = AihubTopology.build(
                FeatureSettings.defaults(FeatureCatalog.loadDefault()),
                ScoringSettings.defaults(),
                topics,
                models,
                RegistryListener.NONE);
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ml-scoring-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("aihub-ml-scoring").toString());
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(START));
        commands = driver.createInputTopic(
                topics.registryCommands().name(),
                topics.registryCommands().keySerde().serializer(),
                topics.registryCommands().valueSerde().serializer());
        telemetry = driver.createInputTopic(
                topics.telemetry().name(),
                topics.telemetry().keySerde().serializer(),
                topics.telemetry().valueSerde().serializer());
        anomalies = driver.createOutputTopic(
                topics.anomalies().name(),
                topics.anomalies().keySerde().deserializer(),
                topics.anomalies().valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldReadTheDevicesAlignedHistoryBackFromTheStores() {
        // Given two metrics every minute, and one metric of another device
        sendHistory("dev-1");
        send("dev-2", "cpu", START, 1.0);

        // When the device's last 2 hours are read back
        AlignedRows rows = DeviceHistory.window(
                store(FeatureStores.READINGS), store(FeatureStores.SERIES), "acme", "dev-1", 120 * MIN, 1000);

        // Then its metrics, in name order, one row per minute of the window
        assertThat(rows.metrics()).containsExactly("cpu", "mem");
        assertThat(rows.size()).isEqualTo(120);
        assertThat(rows.timestamps()[119]).isEqualTo(START + (N - 1) * MIN);
        assertThat(rows.rows()[119]).containsExactly(cpu(N - 1), mem(N - 1));
        assertThat(DeviceHistory.metrics(store(FeatureStores.SERIES), "acme", "dev-1"))
                .isEqualTo(new DeviceHistory.Metrics(List.of("cpu", "mem"), START + (N - 1) * MIN));
    }

    @Test
    void shouldScoreEachNewReadingWithTheOtherMetricsLatestValuesAndEmitOnlyThoseAboveTheThreshold() {
        // Given an extended forest (hyperplane cuts, as training makes) on the device's history, promoted, with its
        // threshold at the 1% quantile
        sendHistory("dev-1");
        AlignedRows rows = DeviceHistory.window(
                store(FeatureStores.READINGS), store(FeatureStores.SERIES), "acme", "dev-1", N * MIN, 1000);
        var forest = IsolationForestModel.train(List.of("metric:cpu", "metric:mem"), rows.rows(), 100, 42, 1);
        double[] scores =
                Arrays.stream(rows.rows()).mapToDouble(forest::score).sorted().toArray();
        double threshold = scores[(int) Math.ceil(0.99 * scores.length) - 1];
        register(forest, threshold);

        // When an ordinary cpu reading arrives, then a cpu outlier (mem's latest value comes from the store)
        send("dev-1", "cpu", START + N * MIN, cpu(N));
        send("dev-1", "cpu", START + (N + 1) * MIN, 500.0);

        // Then only the outlier is an anomaly of the model, on the anomalies topic and in the log
        List<AnomalyEvent> events = anomalies.readValuesToList().stream()
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
        assertThat(AnomalyLog.between(store(AnomalyStores.ANOMALY_LOG), "acme", "dev-1", START, START + (N + 1) * MIN))
                .filteredOn(e -> e.getModelId() != null)
                .containsExactlyElementsOf(events);
    }

    private KeyValueStore<Bytes, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
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
        telemetry.pipeInput(SeriesKey.partitionKey("acme", device), reading("acme", device, metric, timestamp, value));
    }

    private void register(IsolationForestModel forest, double threshold) {
        byte[] bytes = ModelArtifacts.write(forest);
        String version = "v1.0.0";
        artifacts.put("acme:iforest-dev-1:" + version, bytes);
        var reserve = command(RegistryCommandType.RESERVE, version).build();
        commands.pipeInput("acme:iforest-dev-1", reserve);
        var modelVersion = ModelVersion.newBuilder()
                .setVersion(version)
                .setModelType(ModelType.anomaly)
                .setStage(ModelStage.production)
                .setRegisteredAt(Instant.ofEpochMilli(START))
                .setStageChangedAt(Instant.ofEpochMilli(START))
                .setStoragePath("s3://models/acme/iforest-dev-1/" + version + "/")
                .setArtifactSha256(ModelArtifacts.sha256Hex(bytes))
                .setArtifactSize(bytes.length)
                .setArtifactKind(IsolationForestModel.KIND)
                .setMetadataJson(
                        String.format(Locale.ROOT, "{\"asset_id\":\"dev-1\",\"score_threshold\":%.17g}", threshold))
                .setMetricsJson("{}")
                .build();
        commands.pipeInput(
                "acme:iforest-dev-1",
                command(RegistryCommandType.COMMIT, version)
                        .setReservationId(reserve.getCommandId())
                        .setModel(modelVersion)
                        .build());
    }

    private static RegistryCommand.Builder command(RegistryCommandType type, String version) {
        return RegistryCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setType(type)
                .setTenantId("acme")
                .setModelName("iforest-dev-1")
                .setVersion(version)
                .setIssuedAt(Instant.ofEpochMilli(START));
    }
}
