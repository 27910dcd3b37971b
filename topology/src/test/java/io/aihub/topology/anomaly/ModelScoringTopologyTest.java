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
import io.aihub.topology.TopologyDrivers;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream scores with whatever version is in production now: a promote swaps the model without a restart. */
class ModelScoringTopologyTest {

    private static final long H = 3_600_000L;
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();

    private final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    private final Map<String, byte[]> artifacts = new HashMap<>();
    private int loads;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RegistryCommand> commands;
    private TestInputTopic<String, TelemetryReading> telemetry;
    private TestOutputTopic<String, AnomalyEvent> anomalies;

    @BeforeEach
    void start() throws IOException {
        var cache = new ModelCache(new ModelCacheSettings(4, Duration.ofHours(1), 1 << 20));
        var models = new ProductionModels(cache, ref -> {
            loads++;
            return artifacts.get(ref.modelId());
        });
        var topology = AihubTopology.build(
                FeatureSettings.defaults(FeatureCatalog.loadDefault()),
                ScoringSettings.defaults(),
                topics,
                models,
                RegistryListener.NONE);
        driver = TopologyDrivers.open(
                topology, topics, "scoring-test", Files.createTempDirectory("aihub-scoring"), START);
        commands = TopologyDrivers.input(driver, topics.registryCommands());
        telemetry = TopologyDrivers.input(driver, topics.telemetry());
        anomalies = TopologyDrivers.output(driver, topics.anomalies());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldScoreWithTheVersionInProductionAndSwapOnPromote() {
        register("v1.0.0", profileAround(10.0), ModelStage.production);
        send(START + 100 * H, 10.2);
        send(START + 101 * H, 100.0);

        var first = anomalies.readValuesToList();
        assertThat(first).singleElement().satisfies(event -> {
            assertThat(event.getModelId()).isEqualTo("acme:load-profile:v1.0.0");
            assertThat(event.getValue()).isEqualTo(100.0);
            assertThat(event.getMethod()).isEqualTo("prophet_decomposition");
            assertThat(event.getSeverity()).isEqualTo(AnomalySeverity.critical);
            assertThat(event.getExpectedRange().getMean()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.2));
        });

        register("v2.0.0", profileAround(100.0), ModelStage.staging);
        send(START + 102 * H, 100.0);
        assertThat(anomalies.readValuesToList())
                .as("v2 is only staging: v1 still scores")
                .extracting(AnomalyEvent::getModelId)
                .containsExactly("acme:load-profile:v1.0.0");

        promote("v2.0.0");
        send(START + 103 * H, 100.0);
        send(START + 104 * H, 10.0);

        assertThat(anomalies.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getModelId()).isEqualTo("acme:load-profile:v2.0.0");
            assertThat(event.getValue()).isEqualTo(10.0);
        });
        assertThat(loads)
                .as("each version loaded once, then served from the cache")
                .isEqualTo(2);
    }

    @Test
    void shouldIgnoreOtherTenantsModelsAndModelsScopedToOtherAssets() {
        register("v1.0.0", profileAround(10.0), ModelStage.production, "{\"asset_id\":\"other-asset\"}");
        send(START + 100 * H, 1000.0);
        telemetry.pipeInput(
                SeriesKey.partitionKey("someone-else", "meter-1"),
                reading("someone-else", "meter-1", "value", START + 100 * H, 1000.0));
        assertThat(anomalies.isEmpty()).isTrue();
    }

    @Test
    void shouldSkipAModelWhoseArtifactDoesNotMatchItsChecksumAndKeepStreaming() {
        register("v1.0.0", profileAround(10.0), ModelStage.production);
        artifacts.put("acme:load-profile:v1.0.0", ModelArtifacts.write(profileAround(50.0)));
        send(START + 100 * H, 1000.0);
        assertThat(anomalies.isEmpty()).isTrue();
        assertThat(driver.createOutputTopic(
                                topics.features().name(),
                                topics.features().keySerde().deserializer(),
                                topics.features().valueSerde().deserializer())
                        .readValuesToList())
                .hasSize(1);
    }

    private void send(long timestamp, double value) {
        telemetry.pipeInput(
                SeriesKey.partitionKey("acme", "meter-1"), reading("acme", "meter-1", "value", timestamp, value));
    }

    private static SeasonalProfileModel profileAround(double level) {
        int n = 24 * 7 * 4;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = START + i * H;
            values[i] = level + ((i * 7919) % 11 - 5) * 0.1;
        }
        return SeasonalProfileModel.train(times, values);
    }

    private void register(String version, SeasonalProfileModel model, ModelStage stage) {
        register(version, model, stage, "{}");
    }

    private void register(String version, SeasonalProfileModel model, ModelStage stage, String metadata) {
        byte[] bytes = ModelArtifacts.write(model);
        artifacts.put("acme:load-profile:" + version, bytes);
        var reserve = command(RegistryCommandType.RESERVE, version).build();
        commands.pipeInput("acme:load-profile", reserve);
        var modelVersion = ModelVersion.newBuilder()
                .setVersion(version)
                .setModelType(ModelType.anomaly)
                .setStage(stage)
                .setRegisteredAt(Instant.ofEpochMilli(START))
                .setStageChangedAt(Instant.ofEpochMilli(START))
                .setStoragePath("s3://models/acme/load-profile/" + version + "/")
                .setArtifactSha256(ModelArtifacts.sha256Hex(bytes))
                .setArtifactSize(bytes.length)
                .setArtifactKind(SeasonalProfileModel.KIND)
                .setMetadataJson(metadata)
                .setMetricsJson("{}")
                .build();
        commands.pipeInput(
                "acme:load-profile",
                command(RegistryCommandType.COMMIT, version)
                        .setReservationId(reserve.getCommandId())
                        .setModel(modelVersion)
                        .build());
    }

    private void promote(String version) {
        commands.pipeInput(
                "acme:load-profile",
                command(RegistryCommandType.PROMOTE, version)
                        .setTargetStage(ModelStage.production)
                        .build());
    }

    private static RegistryCommand.Builder command(RegistryCommandType type, String version) {
        return RegistryCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setType(type)
                .setTenantId("acme")
                .setModelName("load-profile")
                .setVersion(version)
                .setIssuedAt(Instant.ofEpochMilli(START));
    }
}
