package io.aihub.topology.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/** Schemaless Avro binary serde of one generated record class. Rejects trailing bytes and truncated input. */
public final class PlainAvroSerde {

    private PlainAvroSerde() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        var schema = SpecificData.get().getSchema(type);
        var writer = new SpecificDatumWriter<T>(schema);
        var reader = new SpecificDatumReader<T>(schema);
        Serializer<T> serializer = (topic, data) -> data == null ? null : write(writer, data);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(reader, bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] write(SpecificDatumWriter<T> writer, T data) {
        var out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException(
                    "cannot serialise " + data.getClass().getSimpleName() + " as Avro", e);
        }
        return out.toByteArray();
    }

    private static <T> T read(SpecificDatumReader<T> reader, byte[] bytes, Class<T> type) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        @Nullable T value;
        try {
            value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException(
                        "trailing bytes after a " + type.getSimpleName() + " (" + bytes.length + " bytes)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException(
                    "cannot deserialise " + bytes.length + " bytes as Avro " + type.getSimpleName(), e);
        }
        return value;
    }
}
