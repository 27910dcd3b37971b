package io.aihub.topology.models.internal;

import io.aihub.topology.models.RobustSummary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the primitives payloads are made of, big-endian: int32, int64, float64 (IEEE 754 bits), strings (uint16
 * byte length, then UTF-8), feature name lists (int32 count, then strings), robust summaries and length-prefixed blobs
 * (int32 length, then the bytes).
 */
public final class PayloadWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

    public PayloadWriter writeInt(int value) {
        scratch.clear();
        out.write(scratch.putInt(value).array(), 0, Integer.BYTES);
        return this;
    }

    public PayloadWriter writeLong(long value) {
        scratch.clear();
        out.write(scratch.putLong(value).array(), 0, Long.BYTES);
        return this;
    }

    public PayloadWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    public PayloadWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("a payload string is at most 65535 UTF-8 bytes, got " + utf8.length);
        }
        out.write(utf8.length >>> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
        return this;
    }

    public PayloadWriter writeFeatureNames(List<String> names) {
        writeInt(names.size());
        names.forEach(this::writeString);
        return this;
    }

    /** median, mad, meanAbsDeviation (float64 each), count (int64). */
    public PayloadWriter writeSummary(RobustSummary summary) {
        return writeDouble(summary.median())
                .writeDouble(summary.mad())
                .writeDouble(summary.meanAbsDeviation())
                .writeLong(summary.count());
    }

    public PayloadWriter writeBlob(byte[] blob) {
        writeInt(blob.length);
        out.writeBytes(blob);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
