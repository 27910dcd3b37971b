package io.aihub.topology.features;

import io.aihub.topology.Topics;
import io.aihub.topology.errors.DeadLetterDeserializationHandler;
import io.aihub.topology.errors.DeadLetterProcessingHandler;
import io.aihub.topology.errors.DeadLetters;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores of the feature topology (all {@code KeyValueStore<Bytes, byte[]>}, persistent RocksDB,
 * changelogged) and the streams configuration the topology needs. Key encodings are described in FEATURES.md.
 */
public final class FeatureStores {

    /** Accepted readings: series prefix + timestamp -> value (8-byte double). */
    public static final String READINGS = "aihub-readings";

    /** Watermarks: series prefix -> largest accepted timestamp; asset prefix + 0x00 -> weather watermark. */
    public static final String SERIES = "aihub-series";

    /** Accepted weather observations: asset prefix + timestamp -> six doubles (NaN = null). */
    public static final String WEATHER = "aihub-weather";

    private FeatureStores() {}

    /**
     * The streams configs this topology needs: the dead-letter deserialisation and processing handlers, no upper bound on record
     * timestamps of internal topics (replays run ahead of the wall clock), and explicit internal resource naming.
     * The caller must add {@code aihub.dead.letter.topic}; {@link #streamsConfigDefaults(Topics)} does.
     */
    public static Map<String, Object> streamsConfigDefaults() {
        var config = new HashMap<String, Object>();
        config.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // the registry's global processors too: a record they cannot apply is dead-lettered, not fatal
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        config.put(StreamsConfig.topicPrefix("message.timestamp.after.max.ms"), Long.toString(Long.MAX_VALUE));
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return config;
    }

    /** {@link #streamsConfigDefaults()} plus the dead-letter topic of {@code topics}. */
    public static Map<String, Object> streamsConfigDefaults(Topics topics) {
        var config = streamsConfigDefaults();
        config.put(DeadLetters.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter().name());
        return config;
    }

    /** Builders of the three stores, for the processor supplier that declares them. */
    public static Set<StoreBuilder<?>> storeBuilders() {
        return Set.of(readings(), series(), weather());
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> readings() {
        return Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(READINGS), Serdes.Bytes(), Serdes.ByteArray());
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> series() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERIES), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<Bytes, byte[]>> weather() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEATHER), Serdes.Bytes(), Serdes.ByteArray());
    }
}
