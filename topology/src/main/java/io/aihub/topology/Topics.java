package io.aihub.topology;

import io.aihub.schemas.AlarmEvent;
import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AssetEvent;
import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.FeatureExport;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryCommand;
import io.aihub.schemas.RegistryReply;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import io.aihub.schemas.WorkOrderEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the feature pipeline. The dead-letter topic always carries plain (schemaless) Avro binary of
 * {@link DeadLetter}, whatever the serde factory, so that both the deserialisation handler and the processors write
 * one encoding that stays readable when the schema registry is not (see README-dead-letter.md).
 */
public record Topics(
        TopicSpec<String, TelemetryReading> telemetry,
        TopicSpec<String, WeatherObservation> weather,
        TopicSpec<String, FeatureVector> features,
        TopicSpec<String, WindowAggregate> featuresHourly,
        TopicSpec<String, WindowAggregate> featuresDaily,
        TopicSpec<byte[], DeadLetter> deadLetter,
        TopicSpec<String, RegistryCommand> registryCommands,
        TopicSpec<String, ModelFamily> modelRegistry,
        TopicSpec<String, RegistryReply> registryReplies,
        TopicSpec<String, AnomalyEvent> anomalies,
        TopicSpec<String, ForecastEvent> forecasts,
        TopicSpec<String, AssetEvent> assets,
        TopicSpec<String, WorkOrderEvent> workOrders,
        TopicSpec<String, AlarmEvent> alarms,
        TopicSpec<String, FeatureExport> featureExports) {

    /** How long command replies are kept: only the instance waiting for one reads it, within seconds. */
    static final Duration REPLY_RETENTION = Duration.ofHours(1);

    /**
     * The input topics' and the anomalies and forecasts topics' records are stamped by the broker when they arrive (the event time is
     * in the value): Kafka deletes records by their timestamp, so with event-time stamps a replay of readings older
     * than the topic's retention could be deleted before anyone reads them (at the broker's next retention check).
     * The feature topics keep the reading's event time as record time (README, "Kafka topics").
     */
    static final Map<String, String> ARRIVAL_TIME = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    /**
     * Topic names are {@code prefix} + telemetry, weather, features, features-hourly, features-daily, dead-letter,
     * model-registry-commands, model-registry (compacted), model-registry-replies, anomalies, forecasts, the maintenance
     * inputs assets, work-orders and alarms, and feature-exports (compacted).
     */
    public static Topics of(String prefix, SerdeFactory serdes) {
        return new Topics(
                new TopicSpec<>(
                        prefix + "telemetry", Serdes.String(), serdes.value(TelemetryReading.class), ARRIVAL_TIME),
                new TopicSpec<>(
                        prefix + "weather", Serdes.String(), serdes.value(WeatherObservation.class), ARRIVAL_TIME),
                new TopicSpec<>(prefix + "features", Serdes.String(), serdes.value(FeatureVector.class)),
                new TopicSpec<>(prefix + "features-hourly", Serdes.String(), serdes.value(WindowAggregate.class)),
                new TopicSpec<>(prefix + "features-daily", Serdes.String(), serdes.value(WindowAggregate.class)),
                new TopicSpec<>(
                        prefix + "dead-letter",
                        Serdes.ByteArray(),
                        SerdeFactory.plainAvro().value(DeadLetter.class)),
                new TopicSpec<>(
                        prefix + "model-registry-commands", Serdes.String(), serdes.value(RegistryCommand.class)),
                new TopicSpec<>(
                        prefix + "model-registry",
                        Serdes.String(),
                        serdes.value(ModelFamily.class),
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new TopicSpec<>(
                        prefix + "model-registry-replies",
                        Serdes.String(),
                        serdes.value(RegistryReply.class),
                        Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(REPLY_RETENTION.toMillis()))),
                new TopicSpec<>(prefix + "anomalies", Serdes.String(), serdes.value(AnomalyEvent.class), ARRIVAL_TIME),
                new TopicSpec<>(prefix + "forecasts", Serdes.String(), serdes.value(ForecastEvent.class), ARRIVAL_TIME),
                new TopicSpec<>(prefix + "assets", Serdes.String(), serdes.value(AssetEvent.class), ARRIVAL_TIME),
                new TopicSpec<>(
                        prefix + "work-orders", Serdes.String(), serdes.value(WorkOrderEvent.class), ARRIVAL_TIME),
                new TopicSpec<>(prefix + "alarms", Serdes.String(), serdes.value(AlarmEvent.class), ARRIVAL_TIME),
                new TopicSpec<>(
                        prefix + "feature-exports",
                        Serdes.String(),
                        serdes.value(FeatureExport.class),
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    public List<String> allNames() {
        return all().stream().map(TopicSpec::name).toList();
    }

    /** Every topic, in declaration order. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(
                telemetry,
                weather,
                features,
                featuresHourly,
                featuresDaily,
                deadLetter,
                registryCommands,
                modelRegistry,
                registryReplies,
                anomalies,
                forecasts,
                assets,
                workOrders,
                alarms,
                featureExports);
    }
}
