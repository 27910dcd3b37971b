package io.aihub.services.export.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads PostgreSQL's binary COPY format ({@code COPY ... TO STDOUT (FORMAT binary)}) from a stream: the 19-byte
 * header, then tuples of length-prefixed fields, then the trailer (field count -1). Decodes the few types the export
 * selects: {@code text}, {@code timestamptz} (microseconds since 2000-01-01 UTC) and {@code float8}. Not thread-safe.
 *
 * <p>Strings are decoded through a one-entry cache per column: consecutive rows of one series repeat their tenant,
 * asset and metric, so most rows decode no string at all.
 */
public final class CopyBinaryReader {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix epoch milliseconds. */
    private static final long PG_EPOCH_MILLIS = 946_684_800_000L;

    private final InputStream in;
    private final StringColumn[] strings;
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    /** A reader of {@code in} caching the last value of {@code stringColumns} string columns (numbered from 0). */
    public CopyBinaryReader(InputStream in, int stringColumns) {
        this.in = in;
        this.strings = new StringColumn[stringColumns];
        for (int i = 0; i < stringColumns; i++) {
            strings[i] = new StringColumn();
        }
    }

    /** Reads and checks the header; call once, first. */
    public void readHeader() throws IOException {
        ensure(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not a PostgreSQL binary COPY stream (bad signature)");
        }
        position += SIGNATURE.length;
        int flags = readInt();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY stream with OIDs is not supported");
        }
        int extension = readInt();
        ensure(extension);
        position += extension;
    }

    /** The field count of the next tuple, or -1 at the trailer (the end of the data). */
    public int nextTuple() throws IOException {
        ensure(2);
        short fields = (short) SHORT.get(buffer, position);
        position += 2;
        return fields;
    }

    /** A non-null {@code text} field, through the cache of string column {@code column}. */
    public String text(int column) throws IOException {
        int length = readInt();
        if (length < 0) {
            throw new IOException("unexpected NULL in a NOT NULL text column");
        }
        ensure(length);
        String value = strings[column].decode(buffer, position, length);
        position += length;
        return value;
    }

    /** A non-null {@code timestamptz} field as Unix epoch milliseconds (microseconds floored). */
    public long timestampMillis() throws IOException {
        expectLength(8);
        long micros = (long) LONG.get(buffer, position);
        position += 8;
        return Math.floorDiv(micros, 1000L) + PG_EPOCH_MILLIS;
    }

    /** A non-null {@code float8} field. */
    public double float8() throws IOException {
        expectLength(8);
        double value = Double.longBitsToDouble((long) LONG.get(buffer, position));
        position += 8;
        return value;
    }

    /** A {@code float8} field that may be NULL. */
    public @Nullable Double nullableFloat8() throws IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        if (length != 8) {
            throw new IOException("float8 field of " + length + " bytes");
        }
        ensure(8);
        double value = Double.longBitsToDouble((long) LONG.get(buffer, position));
        position += 8;
        return value;
    }

    private void expectLength(int expected) throws IOException {
        int length = readInt();
        if (length != expected) {
            throw new IOException(
                    length < 0
                            ? "unexpected NULL in a NOT NULL column"
                            : "field of " + length + " bytes, expected " + expected);
        }
        ensure(expected);
    }

    private int readInt() throws IOException {
        ensure(4);
        int value = (int) INT.get(buffer, position);
        position += 4;
        return value;
    }

    /** Makes at least {@code bytes} bytes readable at {@code position}, reading more of the stream as needed. */
    private void ensure(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return;
        }
        int remaining = limit - position;
        if (bytes > buffer.length) {
            buffer = Arrays.copyOfRange(buffer, position, Math.max(bytes, buffer.length * 2) + position);
        } else {
            System.arraycopy(buffer, position, buffer, 0, remaining);
        }
        position = 0;
        limit = remaining;
        while (limit < bytes) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("binary COPY stream ended inside a tuple");
            }
            limit += read;
        }
    }

    /** The last value of one string column, reused while the bytes repeat. */
    private static final class StringColumn {
        private byte[] last = new byte[64];
        private int lastLength = -1;
        private String value = "";

        String decode(byte[] source, int offset, int length) {
            if (length == lastLength && Arrays.equals(source, offset, offset + length, last, 0, length)) {
                return value;
            }
            if (last.length < length) {
                last = new byte[Math.max(length, last.length * 2)];
            }
            System.arraycopy(source, offset, last, 0, length);
            lastLength = length;
            value = new String(source, offset, length, StandardCharsets.UTF_8);
            return value;
        }
    }
}
