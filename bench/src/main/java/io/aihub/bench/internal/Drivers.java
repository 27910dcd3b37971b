package io.aihub.bench.internal;

import io.aihub.schemas.TelemetryReading;
import io.aihub.topology.Topics;
import io.aihub.topology.features.FeatureStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Kafka Streams' test driver around the application's topology, with the stream configs production uses. */
public final class Drivers {

    private Drivers() {}

    /** A driver of {@code topology} with its state in a new temporary directory. */
    public static TopologyTestDriver open(Topology topology, Topics topics, String applicationId) {
        var props = new Properties();
        props.putAll(FeatureStores.streamsConfigDefaults(topics));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory(applicationId + "-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopologyTestDriver(topology, props, Instant.EPOCH);
    }

    /** The driver's telemetry input. */
    public static TestInputTopic<String, TelemetryReading> telemetry(TopologyTestDriver driver, Topics topics) {
        return driver.createInputTopic(
                topics.telemetry().name(),
                topics.telemetry().keySerde().serializer(),
                topics.telemetry().valueSerde().serializer());
    }
}
