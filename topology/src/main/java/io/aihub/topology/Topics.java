package io.aihub.topology;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import java.util.List;
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
        TopicSpec<byte[], DeadLetter> deadLetter) {

    /** Topic names are {@code prefix} + telemetry, weather, features, features-hourly, features-daily, dead-letter. */
    public static Topics of(String prefix, SerdeFactory serdes) {
        return new Topics(
                new TopicSpec<>(prefix + "telemetry", Serdes.String(), serdes.value(TelemetryReading.class)),
                new TopicSpec<>(prefix + "weather", Serdes.String(), serdes.value(WeatherObservation.class)),
                new TopicSpec<>(prefix + "features", Serdes.String(), serdes.value(FeatureVector.class)),
                new TopicSpec<>(prefix + "features-hourly", Serdes.String(), serdes.value(WindowAggregate.class)),
                new TopicSpec<>(prefix + "features-daily", Serdes.String(), serdes.value(WindowAggregate.class)),
                new TopicSpec<>(
                        prefix + "dead-letter",
                        Serdes.ByteArray(),
                        SerdeFactory.plainAvro().value(DeadLetter.class)));
    }

    public List<String> allNames() {
        return List.of(
                telemetry.name(),
                weather.name(),
                features.name(),
                featuresHourly.name(),
                featuresDaily.name(),
                deadLetter.name());
    }
}
