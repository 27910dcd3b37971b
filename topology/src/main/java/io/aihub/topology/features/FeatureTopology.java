package io.aihub.topology.features;

import io.aihub.topology.Topics;
import io.aihub.topology.features.internal.FeatureProcessor;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The feature topology: telemetry and weather in; features, hourly and daily aggregates and dead letters out. Every
 * node and store is named (no generated names), so renaming code never orphans state.
 */
public final class FeatureTopology {

    public static final String TELEMETRY_SOURCE = "aihub-telemetry-source";
    public static final String WEATHER_SOURCE = "aihub-weather-source";
    public static final String PROCESSOR = "aihub-features-processor";
    public static final String FEATURES_SINK = "aihub-features-sink";
    public static final String HOURLY_SINK = "aihub-features-hourly-sink";
    public static final String DAILY_SINK = "aihub-features-daily-sink";
    public static final String DEAD_LETTER_SINK = "aihub-dead-letter-sink";

    private FeatureTopology() {}

    public static Topology build(FeatureSettings settings, Topics topics) {
        return build(settings, topics, FeatureProcessor.MAX_HELD_READINGS, List.of());
    }

    /**
     * The feature topology whose processor also forwards every feature vector to the processors {@code
     * vectorChildren}, which the caller adds as children of {@link #PROCESSOR}.
     */
    public static Topology build(FeatureSettings settings, Topics topics, List<String> vectorChildren) {
        return build(settings, topics, FeatureProcessor.MAX_HELD_READINGS, vectorChildren);
    }

    /** As {@link #build(FeatureSettings, Topics)}, bounding the readings each task holds in heap (tests). */
    static Topology build(FeatureSettings settings, Topics topics, long maxHeldReadings) {
        return build(settings, topics, maxHeldReadings, List.of());
    }

    private static Topology build(
            FeatureSettings settings, Topics topics, long maxHeldReadings, List<String> vectorChildren) {
        var children =
                new FeatureProcessor.Children(FEATURES_SINK, HOURLY_SINK, DAILY_SINK, DEAD_LETTER_SINK, vectorChildren);
        ProcessorSupplier<String, SpecificRecord, Object, Object> supplier = new ProcessorSupplier<>() {
            @Override
            public FeatureProcessor get() {
                return new FeatureProcessor(settings, topics, children, maxHeldReadings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return FeatureStores.storeBuilders();
            }
        };
        var topology = new Topology();
        topology.addSource(
                TELEMETRY_SOURCE,
                topics.telemetry().keySerde().deserializer(),
                topics.telemetry().valueSerde().deserializer(),
                topics.telemetry().name());
        topology.addSource(
                WEATHER_SOURCE,
                topics.weather().keySerde().deserializer(),
                topics.weather().valueSerde().deserializer(),
                topics.weather().name());
        topology.addProcessor(PROCESSOR, supplier, TELEMETRY_SOURCE, WEATHER_SOURCE);
        topology.addSink(
                FEATURES_SINK,
                topics.features().name(),
                topics.features().keySerde().serializer(),
                topics.features().valueSerde().serializer(),
                PROCESSOR);
        topology.addSink(
                HOURLY_SINK,
                topics.featuresHourly().name(),
                topics.featuresHourly().keySerde().serializer(),
                topics.featuresHourly().valueSerde().serializer(),
                PROCESSOR);
        topology.addSink(
                DAILY_SINK,
                topics.featuresDaily().name(),
                topics.featuresDaily().keySerde().serializer(),
                topics.featuresDaily().valueSerde().serializer(),
                PROCESSOR);
        topology.addSink(
                DEAD_LETTER_SINK,
                topics.deadLetter().name(),
                topics.deadLetter().keySerde().serializer(),
                topics.deadLetter().valueSerde().serializer(),
                PROCESSOR);
        return topology;
    }
}
