package io.aihub.topology.anomaly;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.ForecastEvent;
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
import io.aihub.topology.models.ModelArtifacts;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ModelId;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A TopologyTestDriver around the whole {@link AihubTopology} whose model artifacts the test holds:
 * registry commands and telemetry in, anomalies out, models registered and promoted through the registry topic.
 */
public final class ScoringDriver implements AutoCloseable {

    public final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    /** Artifacts by model id, as the registry's S3 would serve them. */
    final Map<String, byte[]> artifacts = new HashMap<>();

    final TopologyTestDriver driver;
    final TestInputTopic<String, RegistryCommand> commands;
    public final TestInputTopic<String, TelemetryReading> telemetry;
    final TestOutputTopic<String, AnomalyEvent> anomalies;
    public final TestOutputTopic<String, ForecastEvent> forecasts;

    private final long start;
    private int loads;

    /** With the default catalog and no score listener. */
    public ScoringDriver(String applicationId, long start) {
        this(applicationId, start, FeatureCatalog.loadDefault(), ScoreListener.NONE);
    }

    /** With {@code catalog}'s detection policy, telling {@code listener} every score of its detectors. */
    public ScoringDriver(String applicationId, long start, FeatureCatalog catalog, ScoreListener listener) {
        this.start = start;
        var models =
                new ProductionModels(new ModelCache(new ModelCacheSettings(4, Duration.ofHours(1), 1 << 24)), ref -> {
                    loads++;
                    return artifacts.get(ref.modelId());
                });
        var topology = AihubTopology.build(
                FeatureSettings.defaults(catalog),
                ScoringSettings.defaults(),
                topics,
                models,
                RegistryListener.NONE,
                listener);
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("aihub-" + applicationId).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(start));
        commands = driver.createInputTopic(
                topics.registryCommands().name(),
                topics.registryCommands().keySerde().serializer(),
                topics.registryCommands().valueSerde().serializer());
        telemetry = driver.createInputTopic(
                topics.telemetry().name(),
                topics.telemetry().keySerde().serializer(),
                topics.telemetry().valueSerde().serializer());
        forecasts = driver.createOutputTopic(
                topics.forecasts().name(),
                topics.forecasts().keySerde().deserializer(),
                topics.forecasts().valueSerde().deserializer());
        anomalies = driver.createOutputTopic(
                topics.anomalies().name(),
                topics.anomalies().keySerde().deserializer(),
                topics.anomalies().valueSerde().deserializer());
    }

    /** How many artifacts the stream fetched. */
    int loads() {
        return loads;
    }

    public KeyValueStore<Bytes, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Registers {@code model} as anomaly model version {@code id} in {@code stage} (reserve, then commit). */
    void register(ModelId id, TrainedModel model, ModelStage stage, String metadataJson) {
        register(id, ModelType.anomaly, model, stage, metadataJson, "{}");
    }

    /** Registers {@code model} as a version {@code id} of {@code type} in {@code stage} (reserve, then commit). */
    public void register(
            ModelId id, ModelType type, TrainedModel model, ModelStage stage, String metadataJson, String metricsJson) {
        byte[] bytes = ModelArtifacts.write(model);
        artifacts.put(id.toString(), bytes);
        var reserve = command(RegistryCommandType.RESERVE, id).build();
        commands.pipeInput(id.familyKey(), reserve);
        var version = ModelVersion.newBuilder()
                .setVersion(id.version())
                .setModelType(type)
                .setStage(stage)
                .setRegisteredAt(Instant.ofEpochMilli(start))
                .setStageChangedAt(Instant.ofEpochMilli(start))
                .setStoragePath("s3://models/" + id.tenantId() + "/" + id.modelName() + "/" + id.version() + "/")
                .setArtifactSha256(ModelArtifacts.sha256Hex(bytes))
                .setArtifactSize(bytes.length)
                .setArtifactKind(model.kind())
                .setMetadataJson(metadataJson)
                .setMetricsJson(metricsJson)
                .build();
        commands.pipeInput(
                id.familyKey(),
                command(RegistryCommandType.COMMIT, id)
                        .setReservationId(reserve.getCommandId())
                        .setModel(version)
                        .build());
    }

    public void promote(ModelId id) {
        commands.pipeInput(
                id.familyKey(),
                command(RegistryCommandType.PROMOTE, id)
                        .setTargetStage(ModelStage.production)
                        .build());
    }

    private RegistryCommand.Builder command(RegistryCommandType type, ModelId id) {
        return RegistryCommand.newBuilder()
                .setCommandId(UUID.randomUUID().toString())
                .setType(type)
                .setTenantId(id.tenantId())
                .setModelName(id.modelName())
                .setVersion(id.version())
                .setIssuedAt(Instant.ofEpochMilli(start));
    }

    @Override
    public void close() {
        driver.close();
    }
}
