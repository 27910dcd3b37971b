package io.aihub.topology;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

/**
 * A typed topic: its name, the serdes of its keys and values, and the topic configs it needs when the application
 * creates it (e.g. {@code cleanup.policy=compact}). Built once from configuration.
 */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        configs = Map.copyOf(configs);
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
    }

    /** A topic with the broker's default configs. */
    public TopicSpec(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this(name, keySerde, valueSerde, Map.of());
    }

    /** Adds sink {@code sinkName} writing to this topic with its serdes, fed by {@code parents}. */
    public Topology addSinkTo(Topology topology, String sinkName, String... parents) {
        return topology.addSink(sinkName, name, keySerde.serializer(), valueSerde.serializer(), parents);
    }
}
