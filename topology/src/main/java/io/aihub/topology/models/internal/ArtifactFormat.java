package io.aihub.topology.models.internal;

import io.aihub.topology.models.ArtifactHeader;
import io.aihub.topology.models.CorruptArtifactException;
import io.aihub.topology.models.ModelKind;
import io.aihub.topology.models.UnsupportedModelException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The artifact header (big-endian): magic {@code "AIHM"}, format version (int32), kind id length (uint8) and kind id
 * (US-ASCII), payload version (int32), payload length (int64); then the payload, and nothing after it. Read in that
 * order, so a newer format version is refused before the rest of the header is interpreted.
 */
public final class ArtifactFormat {

    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The longest kind id. */
    public static final int MAX_KIND_ID_LENGTH = 64;

    private static final byte[] MAGIC = {'A', 'I', 'H', 'M'};
    private static final Pattern KIND_ID = Pattern.compile("[a-z][a-z0-9_]*");

    private ArtifactFormat() {}

    /** A parsed header and where its payload starts. */
    public record Parsed(ArtifactHeader header, int payloadOffset) {}

    /** The magic bytes (a copy). */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Header plus payload. */
    public static byte[] write(String kindId, int payloadVersion, byte[] payload) {
        byte[] kind = kindId.getBytes(StandardCharsets.US_ASCII);
        if (!KIND_ID.matcher(kindId).matches() || kind.length > MAX_KIND_ID_LENGTH) {
            throw new IllegalArgumentException("invalid kind id '" + kindId + "'");
        }
        ByteBuffer out = ByteBuffer.allocate(headerLength(kind.length) + payload.length);
        out.put(MAGIC)
                .putInt(FORMAT_VERSION)
                .put((byte) kind.length)
                .put(kind)
                .putInt(payloadVersion)
                .putLong(payload.length)
                .put(payload);
        return out.array();
    }

    /**
     * Parses and checks the header: magic, format version (refused if newer), kind (refused if unknown), payload
     * version (refused if newer than the kind's), and that exactly the declared payload follows. Touches no payload
     * byte.
     */
    public static Parsed parse(byte[] artifact) {
        ByteBuffer in = ByteBuffer.wrap(artifact);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptArtifactException("not a model artifact: the first 4 bytes are not the magic 'AIHM'");
            }
            int formatVersion = in.getInt();
            if (formatVersion > FORMAT_VERSION) {
                throw new UnsupportedModelException("artifact format version " + formatVersion
                        + " is newer than this reader's (" + FORMAT_VERSION + "): upgrade the reader");
            }
            if (formatVersion < 1) {
                throw new CorruptArtifactException("artifact format version " + formatVersion + " is not valid");
            }
            int kindLength = Byte.toUnsignedInt(in.get());
            if (kindLength == 0 || kindLength > MAX_KIND_ID_LENGTH) {
                throw new CorruptArtifactException(
                        "kind id length " + kindLength + " is not in 1.." + MAX_KIND_ID_LENGTH);
            }
            byte[] kindBytes = new byte[kindLength];
            in.get(kindBytes);
            String kindId = new String(kindBytes, StandardCharsets.US_ASCII);
            if (!KIND_ID.matcher(kindId).matches()) {
                throw new CorruptArtifactException("kind id '" + kindId + "' is not of the form [a-z][a-z0-9_]*");
            }
            ModelKind kind = ModelKind.byId(kindId)
                    .orElseThrow(() -> new UnsupportedModelException(
                            "unknown model kind '" + kindId + "': this reader knows " + knownKinds()));
            int payloadVersion = in.getInt();
            if (payloadVersion > kind.payloadVersion()) {
                throw new UnsupportedModelException("payload version " + payloadVersion + " of kind '" + kindId
                        + "' is newer than this reader's (" + kind.payloadVersion() + "): upgrade the reader");
            }
            if (payloadVersion < 1) {
                throw new CorruptArtifactException(
                        "payload version " + payloadVersion + " of kind '" + kindId + "' is not valid");
            }
            long payloadLength = in.getLong();
            if (payloadLength != in.remaining()) {
                String detail = payloadLength > in.remaining()
                        ? "truncated"
                        : (in.remaining() - payloadLength) + " trailing bytes";
                throw new CorruptArtifactException("the header declares a payload of " + payloadLength + " bytes but "
                        + in.remaining() + " follow (" + detail + ")");
            }
            return new Parsed(new ArtifactHeader(formatVersion, kind, payloadVersion, payloadLength), in.position());
        } catch (BufferUnderflowException e) {
            throw new CorruptArtifactException(
                    "truncated artifact: " + artifact.length + " bytes end inside the header", e);
        }
    }

    private static int headerLength(int kindLength) {
        return MAGIC.length + 4 + 1 + kindLength + 4 + 8;
    }

    private static String knownKinds() {
        var ids = new ArrayList<String>();
        for (ModelKind kind : ModelKind.values()) {
            ids.add(kind.id());
        }
        return ids.toString();
    }
}
