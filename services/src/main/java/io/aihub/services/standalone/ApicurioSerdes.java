package io.aihub.services.standalone;

import io.aihub.topology.SerdeFactory;
import io.aihub.topology.TopicSpec;
import io.aihub.topology.Topics;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serdes for our Avro records through the Apicurio Registry: the writer registers the schema (artifact
 * {@code <topic>-value}, found or created), the reader resolves it by the id in the payload and decodes into the
 * generated specific class.
 */
public final class ApicurioSerdes implements SerdeFactory {

    private final String registryUrl;
    private final Map<String, Object> extraConfig;

    /** Serdes against the registry API at {@code registryUrl}, e.g. {@code http://host:8080/apis/registry/v3}. */
    public ApicurioSerdes(String registryUrl) {
        this(registryUrl, Map.of());
    }

    /** Serdes with additional Apicurio serde settings ({@code apicurio.registry.*}). */
    public ApicurioSerdes(String registryUrl, Map<String, ?> extraConfig) {
        if (registryUrl.isBlank()) {
            throw new IllegalArgumentException("the registry URL must not be blank");
        }
        this.registryUrl = registryUrl;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    /** A configured value serde for the generated Avro class {@code type}. */
    @Override
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        var serde = new TypedAvroSerde<>(type);
        serde.configure(valueConfig(type), false);
        return serde;
    }

    /**
     * Finds or registers, through each topic's own value serializer, the value schema of every topic of {@code topics}
     * whose serde is one of ours, so that the serializers hold it before the first record: otherwise the first record
     * of a topic waits for the registry's HTTP answer on the thread that sends it (a stream thread, for the first
     * anomaly or forecast, measured at 0.5 s with {@code ./aihub bench ingest}). Returns how many were resolved.
     *
     * @throws RuntimeException when the registry cannot be reached or refuses a schema
     */
    public static int resolveValueSchemas(Topics topics) {
        int resolved = 0;
        for (TopicSpec<?, ?> spec : topics.all()) {
            if (spec.valueSerde() instanceof TypedAvroSerde<?> serde) {
                serde.resolve(spec.name());
                resolved++;
            }
        }
        return resolved;
    }

    /** The serde settings {@link #value(Class)} uses, for clients configured by class name. */
    public Map<String, Object> valueConfig(Class<? extends SpecificRecord> type) {
        var config = new HashMap<String, Object>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SerdeConfig.DESERIALIZER_SPECIFIC_VALUE_RETURN_CLASS, type.getName());
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaIdentityDatumProvider.class.getName());
        config.putAll(extraConfig);
        return config;
    }

    /** An Apicurio Avro serde that knows the generated class it is for, so that it can resolve its schema ahead. */
    private static final class TypedAvroSerde<T extends SpecificRecord> extends AvroSerde<T> {
        private final Class<T> type;

        TypedAvroSerde(Class<T> type) {
            this.type = type;
        }

        /**
         * Writes a placeholder record (never sent) for {@code topic}, which makes the serializer find or register the
         * schema and keep it for the topic (the lookups by content in the resolver's own cache miss when the registry
         * normalises the schema text, so only the serializer's per-topic cache is reliable).
         */
        void resolve(String topic) {
            serializer().serialize(topic, AvroPlaceholders.of(type));
        }
    }

    /** The registry API this factory's serdes talk to. */
    public String registryUrl() {
        return registryUrl;
    }
}
