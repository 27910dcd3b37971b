package io.aihub.services.export.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The binary COPY format as PostgreSQL documents it ("COPY", "Binary Format"), written here byte by byte. */
class CopyBinaryReaderTest {

    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    @Test
    void shouldDecodeTuplesOfTextTimestamptzAndFloat8WithNulls() throws IOException {
        // Given a stream of two tuples and the trailer, delivered one byte per read (the worst chunking)
        Instant at = Instant.parse("2025-03-01T10:15:30.123Z");
        byte[] bytes = stream(out -> {
            tuple(out, "tenant-ü", at, 42.5, null);
            tuple(out, "tenant-ü", at.plusSeconds(3600), -1.25, 7.0);
        });

        // When it is read
        var reader = new CopyBinaryReader(new OneByteAtATime(bytes), 1);
        reader.readHeader();

        // Then every field comes back exactly, nulls as null, and the trailer ends it
        assertThat(reader.nextTuple()).isEqualTo(4);
        String first = reader.text(0);
        assertThat(first).isEqualTo("tenant-ü");
        assertThat(reader.timestampMillis()).isEqualTo(at.toEpochMilli());
        assertThat(reader.float8()).isEqualTo(42.5);
        assertThat(reader.nullableFloat8()).isNull();
        assertThat(reader.nextTuple()).isEqualTo(4);
        assertThat(reader.text(0)).isSameAs(first);
        assertThat(reader.timestampMillis()).isEqualTo(at.plusSeconds(3600).toEpochMilli());
        assertThat(reader.float8()).isEqualTo(-1.25);
        assertThat(reader.nullableFloat8()).isEqualTo(7.0);
        assertThat(reader.nextTuple()).isEqualTo(-1);
    }

    @Test
    void shouldRefuseAStreamThatIsNotBinaryCopyOrEndsInsideATuple() throws IOException {
        assertThatThrownBy(() -> new CopyBinaryReader(new ByteArrayInputStream(new byte[19]), 0).readHeader())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("signature");
        byte[] bytes = stream(out -> tuple(out, "t", Instant.EPOCH, 1.0, 2.0));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 8);
        var reader = new CopyBinaryReader(new ByteArrayInputStream(truncated), 1);
        reader.readHeader();
        reader.nextTuple();
        reader.text(0);
        reader.timestampMillis();
        reader.float8();
        assertThatThrownBy(reader::nullableFloat8).isInstanceOf(EOFException.class);
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] stream(Body body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        out.writeInt(0);
        out.writeInt(0);
        body.write(out);
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static void tuple(DataOutputStream out, String text, Instant at, double value, Double nullable)
            throws IOException {
        out.writeShort(4);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeInt(8);
        out.writeLong(at.toEpochMilli() * 1000 - PG_EPOCH_MICROS);
        out.writeInt(8);
        out.writeDouble(value);
        if (nullable == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(8);
            out.writeDouble(nullable);
        }
    }

    /** Returns at most one byte per read, as a network stream may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            target[offset] = bytes[position++];
            return 1;
        }
    }
}
