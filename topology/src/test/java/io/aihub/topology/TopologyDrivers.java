package io.aihub.topology;

import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelCacheSettings;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Test drivers of the application topology, with the streams configs production uses. */
public final class TopologyDrivers {

    private TopologyDrivers() {}

    /** A driver of {@code topology} whose wall clock starts at {@code start}, with its state under {@code dir}. */
    public static TopologyTestDriver open(Topology topology, Topics topics, String applicationId, Path dir, long start)
            throws IOException {
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(dir, "state").toString());
        return new TopologyTestDriver(topology, props, Instant.ofEpochMilli(start));
    }

    /** The whole application topology over {@code catalog}, with default settings and no registry models. */
    public static Topology application(FeatureCatalog catalog, Topics topics) {
        var models = new ProductionModels(
                new ModelCache(new ModelCacheSettings(4, Duration.ofHours(1), 1 << 20)), ref -> null);
        return AihubTopology.build(
                FeatureSettings.defaults(catalog), ScoringSettings.defaults(), topics, models, RegistryListener.NONE);
    }

    public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, TopicSpec<K, V> topic) {
        return driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, TopicSpec<K, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }
}
