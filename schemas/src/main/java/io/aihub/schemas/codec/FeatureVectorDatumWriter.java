package io.aihub.schemas.codec;

import io.aihub.schemas.FeatureVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DirectBinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Writes a {@link FeatureVector} in exactly the Avro binary encoding of its schema, without the generic writer's
 * per-field reflection, union resolution and per-key UTF-8 encoding: feature names are encoded once and reused.
 * One vector is written per reading, so this is on the hot path of the feature stream; {@code
 * FeatureVectorDatumWriterTest} proves the bytes equal {@code SpecificDatumWriter}'s.
 */
public final class FeatureVectorDatumWriter implements DatumWriter<FeatureVector> {

    private static final int MAX_CACHED_NAMES = 10_000;
    private static final Map<String, Utf8> NAMES = new ConcurrentHashMap<>();

    @Override
    public void setSchema(Schema schema) {
        if (!schema.equals(FeatureVector.getClassSchema())) {
            throw new IllegalArgumentException("FeatureVectorDatumWriter writes only "
                    + FeatureVector.getClassSchema().getFullName() + " in its current schema, not "
                    + schema.getFullName());
        }
    }

    @Override
    public void write(FeatureVector vector, Encoder out) throws IOException {
        if (out instanceof DirectBinaryEncoder) {
            // a direct encoder sends each number to its stream on its own (a synchronized ByteArrayOutputStream
            // call per value under Apicurio's serializer): encode into a buffer, hand the stream one block
            Scratch scratch = SCRATCH.get();
            scratch.bytes.reset();
            writeFields(vector, scratch.encoder);
            scratch.encoder.flush();
            out.writeFixed(scratch.bytes.buffer(), 0, scratch.bytes.size());
        } else {
            writeFields(vector, out);
        }
    }

    private static void writeFields(FeatureVector vector, Encoder out) throws IOException {
        out.writeString(vector.getTenantId());
        out.writeString(vector.getAssetId());
        out.writeString(vector.getMetric());
        out.writeLong(vector.getTimestamp().toEpochMilli());
        out.writeDouble(vector.getValue());
        Map<String, Double> features = vector.getFeatures();
        out.writeMapStart();
        out.setItemCount(features.size());
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            out.startItem();
            out.writeString(name(feature.getKey()));
            Double value = feature.getValue();
            if (value == null) {
                out.writeIndex(0);
                out.writeNull();
            } else {
                out.writeIndex(1);
                out.writeDouble(value);
            }
        }
        out.writeMapEnd();
        out.writeInt(vector.getCatalogVersion());
    }

    /** A thread's encoding buffer; it keeps the largest vector's capacity. */
    private static final class Scratch {
        final Bytes bytes = new Bytes();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    }

    /** An unsynchronized {@link ByteArrayOutputStream} whose buffer can be read without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(1024);
        }

        byte[] buffer() {
            return buf;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        @Override
        public void reset() {
            count = 0;
        }

        @Override
        public int size() {
            return count;
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static Utf8 name(String name) {
        Utf8 encoded = NAMES.get(name);
        if (encoded == null) {
            encoded = new Utf8(name);
            if (NAMES.size() < MAX_CACHED_NAMES) {
                NAMES.put(name, encoded);
            }
        }
        return encoded;
    }
}
