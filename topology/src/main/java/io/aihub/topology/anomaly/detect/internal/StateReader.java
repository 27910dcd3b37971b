package io.aihub.topology.anomaly.detect.internal;

import io.aihub.topology.anomaly.detect.DetectorStateException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** Reads what a {@link StateWriter} wrote; any mismatch is a {@link DetectorStateException} naming the field. */
public final class StateReader {

    private final byte[] bytes;
    private final String method;
    private int position;

    /**
     * Checks the header: the magic byte, the method's tag and a layout version in {@code [1, maxVersion]}.
     *
     * @return a reader positioned after the header; {@link #version()} tells which layout follows
     */
    public StateReader(byte[] bytes, String method, int tag, int maxVersion) {
        this.bytes = bytes;
        this.method = method;
        if (bytes.length < 3 || bytes[0] != StateWriter.MAGIC) {
            throw corrupt("not a detector state (no header)");
        }
        if (bytes[1] != tag) {
            throw corrupt("the state is of method tag " + bytes[1] + ", not " + method + "'s (" + tag + ")");
        }
        if (bytes[2] < 1 || bytes[2] > maxVersion) {
            throw corrupt("layout version " + bytes[2] + " is not readable (known: 1 to " + maxVersion + ")");
        }
        position = 3;
    }

    /** The method tag of a state, or -1 if the bytes have no detector state header. */
    public static int tagOf(byte[] bytes) {
        return bytes.length < 3 || bytes[0] != StateWriter.MAGIC ? -1 : bytes[1];
    }

    public int version() {
        return bytes[2];
    }

    public int readByte(String field) {
        need(1, field);
        return bytes[position++] & 0xFF;
    }

    public int readInt(String field) {
        need(Integer.BYTES, field);
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    /** An int32 in {@code [min, max]}. */
    public int readInt(String field, int min, int max) {
        int value = readInt(field);
        if (value < min || value > max) {
            throw corrupt(field + " is " + value + ", outside [" + min + ", " + max + "]");
        }
        return value;
    }

    public long readLong(String field) {
        need(Long.BYTES, field);
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    /** A float64 that must be finite. */
    public double readFinite(String field) {
        double value = Double.longBitsToDouble(readLong(field));
        if (!Double.isFinite(value)) {
            throw corrupt(field + " is not finite: " + value);
        }
        return value;
    }

    /** A float32 that must be finite. */
    public double readFiniteFloat(String field) {
        float value = Float.intBitsToFloat(readInt(field));
        if (!Float.isFinite(value)) {
            throw corrupt(field + " is not finite: " + value);
        }
        return value;
    }

    public String readString(String field) {
        need(2, field);
        int n = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        need(n, field);
        String value = new String(bytes, position, n, StandardCharsets.UTF_8);
        position += n;
        return value;
    }

    /** A nested state written by {@link StateWriter#writeBytes}. */
    public byte[] readBytes(String field) {
        int n = readInt(field + " length", 0, Integer.MAX_VALUE);
        need(n, field);
        byte[] value = Arrays.copyOfRange(bytes, position, position + n);
        position += n;
        return value;
    }

    /** Reads a window written by {@link StateWriter#writeRing} into {@code ring} (emptied first): finite values only. */
    public void readRing(String field, DoubleRing ring) {
        readValues(field, ring.capacity(), ring::clear, ring::add, this::readFinite);
    }

    /** Reads a window written by {@link StateWriter#writeRing} into {@code window} (emptied first). */
    public void readWindow(String field, SortedWindow window) {
        readValues(field, window.capacity(), window::clear, window::add, this::readFinite);
    }

    /** Reads a window written by {@link StateWriter#writeFloatRing} into {@code window} (emptied first). */
    public void readFloatWindow(String field, SortedWindow window) {
        readValues(field, window.capacity(), window::clear, window::add, this::readFiniteFloat);
    }

    private void readValues(
            String field, int expectedCapacity, Runnable clear, DoubleConsumer add, ToDoubleFunction<String> read) {
        int capacity = readInt(field + " capacity");
        if (capacity != expectedCapacity) {
            throw corrupt(field + " capacity is " + capacity + ", the settings say " + expectedCapacity);
        }
        int size = readInt(field + " size", 0, capacity);
        clear.run();
        for (int i = 0; i < size; i++) {
            add.accept(read.applyAsDouble(field + " value " + i));
        }
    }

    /** Builds a value from fields read, turning a refusal ({@link IllegalArgumentException}) into corruption. */
    public <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (DetectorStateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DetectorStateException(corrupt(e.getMessage()).getMessage(), e);
        }
    }

    /** Fails unless every byte was read. */
    public void expectEnd() {
        if (position != bytes.length) {
            throw corrupt((bytes.length - position) + " trailing bytes");
        }
    }

    public DetectorStateException corrupt(String why) {
        return new DetectorStateException("corrupt " + method + " detector state: " + why);
    }

    private void need(int n, String field) {
        if (n > bytes.length - position) {
            throw corrupt("truncated at " + field + " (offset " + position + " of " + bytes.length + ")");
        }
    }
}
