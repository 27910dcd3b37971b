package io.aihub.topology.models;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Artifacts and payloads written by hand, following MODELS.md byte by byte rather than the production writer. */
final class Crafted {

    static final byte[] MAGIC = {'A', 'I', 'H', 'M'};

    private Crafted() {}

    static byte[] artifact(int formatVersion, String kind, int payloadVersion, byte[] payload) {
        return artifact(MAGIC, formatVersion, kind, payloadVersion, payload.length, payload);
    }

    static byte[] artifact(
            byte[] magic, int formatVersion, String kind, int payloadVersion, long declaredLength, byte[] payload) {
        byte[] kindBytes = kind.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(4 + 4 + 1 + kindBytes.length + 4 + 8 + payload.length)
                .put(magic)
                .putInt(formatVersion)
                .put((byte) kindBytes.length)
                .put(kindBytes)
                .putInt(payloadVersion)
                .putLong(declaredLength)
                .put(payload)
                .array();
    }

    /** An isolation_forest v1 payload around any blob: names, a plausible score summary, the blob. */
    static byte[] isolationForestPayload(List<String> names, byte[] blob) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            writeNames(out, names);
            out.writeDouble(0.45);
            out.writeDouble(0.02);
            out.writeDouble(0.025);
            out.writeLong(600);
            out.writeInt(blob.length);
            out.write(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A gradient_boost_quantiles v1 payload whose three models are the same blob. */
    static byte[] quantilePayload(List<String> names, byte[] blob) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            writeNames(out, names);
            out.writeInt(3);
            for (double level : new double[] {0.1, 0.5, 0.9}) {
                out.writeDouble(level);
                out.writeInt(blob.length);
                out.write(blob);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] javaSerialised(Object object) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name); // uint16 length + UTF-8, the same bytes for ASCII names
        }
    }
}
