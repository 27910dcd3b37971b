package io.aihub.services.standalone;

import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.codec.FeatureVectorDatumWriter;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's default datum provider, with its datum readers and writers cached by schema <em>identity</em>.
 *
 * <p>The default provider keys its caches by the schema's parsing fingerprint, which it recomputes (normalising the
 * whole schema to a string) on every record: the largest single cost of the feature pipeline in a profile of
 * {@code ./aihub bench ingest}. Generated classes and the registry client hand the same {@link Schema} instance for
 * every record, so an identity lookup finds it without the fingerprint; an unseen instance falls through to the
 * default provider once. Readers and writers are stateless and were already shared across threads by the default.
 */
public final class SchemaIdentityDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private static final int MAX_ENTRIES = 1_000;

    private final ConcurrentHashMap<Identity, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Identity, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** Instantiated by the Apicurio serde from {@code apicurio.registry.avro-datum-provider}. */
    public SchemaIdentityDatumProvider() {
        super();
    }

    @Override
    @SuppressWarnings("unchecked")
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        DatumWriter<T> writer = writers.get(new Identity(schema));
        if (writer == null) {
            if (schema == FeatureVector.getClassSchema()) {
                // one vector per reading: the hand-written writer, byte-identical to the generic one
                writer = (DatumWriter<T>) new FeatureVectorDatumWriter();
            } else {
                writer = super.createDatumWriter(data, schema);
            }
            bound(writers).put(new Identity(schema), writer);
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> reader = readers.get(new Identity(schema));
        if (reader == null) {
            reader = super.createDatumReader(schema);
            bound(readers).put(new Identity(schema), reader);
        }
        return reader;
    }

    private static <V> ConcurrentHashMap<Identity, V> bound(ConcurrentHashMap<Identity, V> cache) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        return cache;
    }

    /** A schema compared by reference, hashed without walking it. */
    private record Identity(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }
}
