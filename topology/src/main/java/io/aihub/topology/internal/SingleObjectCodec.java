package io.aihub.topology.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Avro single-object encoding of one generated record type, for values kept in state stores (the schema fingerprint
 * travels with each value, so a store written before a compatible schema change stays readable).
 */
public record SingleObjectCodec<T>(BinaryMessageEncoder<T> encoder, BinaryMessageDecoder<T> decoder, String what) {

    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what, e);
        }
    }

    public T decode(byte[] bytes) {
        try {
            return decoder.decode(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + what, e);
        }
    }
}
