package io.aihub.topology;

import io.aihub.topology.internal.PlainAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes value serdes for the Avro record types. Production uses a schema registry; tests use {@link #plainAvro()}. */
public interface SerdeFactory {

    <T extends SpecificRecord> Serde<T> value(Class<T> type);

    /** Schemaless Avro binary (writer schema = reader schema = the generated class's schema). */
    static SerdeFactory plainAvro() {
        return PlainAvroSerde::of;
    }
}
