package io.aihub.topology.features;

import io.aihub.schemas.DeadLetter;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import io.aihub.topology.SerdeFactory;
import io.aihub.topology.Topics;
import io.aihub.topology.catalog.FeatureCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/** A TopologyTestDriver around {@link FeatureTopology} with typed input and output topics (plain Avro serdes). */
public final class FeatureDriver implements AutoCloseable {

    public final Topics topics = Topics.of("", SerdeFactory.plainAvro());
    public final FeatureSettings settings;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, TelemetryReading> telemetry;
    public final TestInputTopic<String, WeatherObservation> weather;
    public final TestInputTopic<byte[], byte[]> rawTelemetry;
    public final TestOutputTopic<String, FeatureVector> features;
    public final TestOutputTopic<String, WindowAggregate> hourly;
    public final TestOutputTopic<String, WindowAggregate> daily;
    public final TestOutputTopic<byte[], DeadLetter> deadLetters;

    public FeatureDriver() {
        this(FeatureSettings.defaults(FeatureCatalog.loadDefault()));
    }

    public FeatureDriver(FeatureSettings settings) {
        this(settings, io.aihub.topology.features.internal.FeatureProcessor.MAX_HELD_READINGS);
    }

    /** With a bound on the readings held in heap, to exercise eviction and restore from the store. */
    public FeatureDriver(FeatureSettings settings, long maxHeldReadings) {
        this.settings = settings;
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "feature-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("aihub-features").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(FeatureTopology.build(settings, topics, maxHeldReadings), props, Instant.EPOCH);
        telemetry = driver.createInputTopic(
                topics.telemetry().name(),
                topics.telemetry().keySerde().serializer(),
                topics.telemetry().valueSerde().serializer());
        weather = driver.createInputTopic(
                topics.weather().name(),
                topics.weather().keySerde().serializer(),
                topics.weather().valueSerde().serializer());
        rawTelemetry = driver.createInputTopic(
                topics.telemetry().name(),
                Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        features = driver.createOutputTopic(
                topics.features().name(),
                topics.features().keySerde().deserializer(),
                topics.features().valueSerde().deserializer());
        hourly = driver.createOutputTopic(
                topics.featuresHourly().name(),
                topics.featuresHourly().keySerde().deserializer(),
                topics.featuresHourly().valueSerde().deserializer());
        daily = driver.createOutputTopic(
                topics.featuresDaily().name(),
                topics.featuresDaily().keySerde().deserializer(),
                topics.featuresDaily().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(
                topics.deadLetter().name(),
                topics.deadLetter().keySerde().deserializer(),
                topics.deadLetter().valueSerde().deserializer());
    }

    public static TelemetryReading reading(String tenant, String asset, String metric, long timestamp, double value) {
        return TelemetryReading.newBuilder()
                .setTenantId(tenant)
                .setAssetId(asset)
                .setMetric(metric)
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setValue(value)
                .build();
    }

    public static WeatherObservation observation(
            String tenant, String asset, long timestamp, @Nullable Double temperature, @Nullable Double humidity) {
        return WeatherObservation.newBuilder()
                .setTenantId(tenant)
                .setAssetId(asset)
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .setTemperature(temperature)
                .setHumidity(humidity)
                .setSolarIrradiance(null)
                .setWindSpeed(null)
                .setCloudCover(null)
                .setPrecipitation(null)
                .build();
    }

    /** Pipes a reading with its own key and its event time as the record timestamp. */
    public void send(TelemetryReading r) {
        telemetry.pipeInput(
                SeriesKey.partitionKey(r.getTenantId(), r.getAssetId()),
                r,
                Math.max(0, r.getTimestamp().toEpochMilli()));
    }

    public void send(WeatherObservation o) {
        weather.pipeInput(
                SeriesKey.partitionKey(o.getTenantId(), o.getAssetId()),
                o,
                o.getTimestamp().toEpochMilli());
    }

    public FeatureQuery query() {
        KeyValueStore<Bytes, byte[]> readings = driver.getKeyValueStore(FeatureStores.READINGS);
        KeyValueStore<Bytes, byte[]> series = driver.getKeyValueStore(FeatureStores.SERIES);
        KeyValueStore<Bytes, byte[]> weatherStore = driver.getKeyValueStore(FeatureStores.WEATHER);
        return new FeatureQuery(readings, series, weatherStore, settings);
    }

    @Override
    public void close() {
        driver.close();
    }
}
