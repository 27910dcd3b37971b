package io.aihub.connectors.avro;

import io.aihub.connectors.avro.internal.AvroToConnect;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values the AI Hub writes (Avro through the Apicurio Registry serde 3.1, the schema id in the payload or in
 * the headers) as Connect data, for sink connectors. Configure it as {@code value.converter} with the Apicurio serde's
 * own settings under the prefix, e.g. {@code value.converter.apicurio.registry.url}.
 *
 * <p>Why not Apicurio's {@code AvroConverter}: {@code io.apicurio:apicurio-registry-utils-converter} is published for
 * 3.0.9 at the newest, not for the serde 3.1 the project uses; this class is the same idea on the project's serde. It
 * is a sink-side converter: {@link #fromConnectData} is refused (a source would use the Apicurio serializer directly),
 * and Connect's dead-letter queue carries the original bytes, never re-serialised ones.
 */
public final class AihubAvroConverter implements Converter, Versioned {

    private final AvroToConnect avroToConnect = new AvroToConnect();
    private @Nullable AvroKafkaDeserializer<Object> deserializer;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        var serdeConfig = new HashMap<String, Object>(configs);
        // generic records: the converter reads whatever schema version the producer registered
        serdeConfig.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        var configured = new AvroKafkaDeserializer<Object>();
        configured.configure(serdeConfig, isKey);
        this.deserializer = configured;
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte @Nullable [] value) {
        return toConnectData(topic, null, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, @Nullable Headers headers, byte @Nullable [] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        if (deserializer == null) {
            throw new IllegalStateException("AihubAvroConverter used before configure");
        }
        Object datum;
        try {
            datum = headers == null
                    ? deserializer.deserialize(topic, value)
                    : deserializer.deserialize(topic, headers, value);
        } catch (RuntimeException e) {
            throw new DataException("cannot read an Avro value of topic " + topic + " through the registry", e);
        }
        if (datum == null) {
            return SchemaAndValue.NULL;
        }
        return avroToConnect.convert(datum);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new DataException("AihubAvroConverter only reads (sink connectors); it does not write topic " + topic);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        String version = AihubAvroConverter.class.getPackage().getImplementationVersion();
        return version != null ? version : "0.1.0-SNAPSHOT";
    }

    @Override
    public void close() {
        // Connect also closes instances it made only to validate a configuration, never configured
        if (deserializer != null) {
            deserializer.close();
        }
    }
}
