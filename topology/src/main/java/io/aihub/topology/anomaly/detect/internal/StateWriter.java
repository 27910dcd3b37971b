package io.aihub.topology.anomaly.detect.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a detector's state, big-endian: a header (magic byte {@code 0xAD}, method tag, layout version), then int32,
 * int64, float32 and float64 (IEEE 754 bits) fields, strings (uint16 UTF-8 length, then the bytes) and windows (int32 capacity,
 * int32 size, then the values oldest first).
 */
public final class StateWriter {

    /** The first byte of every detector state. */
    public static final byte MAGIC = (byte) 0xAD;

    private byte[] bytes;
    private int length;

    /** Starts a state with its header; {@code expectedSize} is a hint for the buffer. */
    public StateWriter(int tag, int version, int expectedSize) {
        bytes = new byte[Math.max(16, expectedSize)];
        writeByte(MAGIC);
        writeByte(tag);
        writeByte(version);
    }

    public StateWriter writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    public StateWriter writeInt(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public StateWriter writeLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public StateWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public StateWriter writeDoubles(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            writeDouble(values[i]);
        }
        return this;
    }

    public StateWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("a state string is at most 65535 UTF-8 bytes, got " + utf8.length);
        }
        ensure(2 + utf8.length);
        bytes[length++] = (byte) (utf8.length >>> 8);
        bytes[length++] = (byte) utf8.length;
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** A nested state: int32 length, then the bytes. */
    public StateWriter writeBytes(byte[] value) {
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** Capacity, size, then the values oldest first. */
    public StateWriter writeRing(DoubleRing ring) {
        writeInt(ring.capacity()).writeInt(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            writeDouble(ring.get(i));
        }
        return this;
    }

    /** Capacity, size, then the values oldest first as float32 (the caller holds values a float represents exactly). */
    public StateWriter writeFloatRing(DoubleRing ring) {
        writeInt(ring.capacity()).writeInt(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            writeInt(Float.floatToRawIntBits((float) ring.get(i)));
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
