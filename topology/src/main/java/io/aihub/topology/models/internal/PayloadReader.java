package io.aihub.topology.models.internal;

import io.aihub.topology.models.CorruptArtifactException;
import io.aihub.topology.models.RobustSummary;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link PayloadWriter} writes from a payload, refusing with a {@link CorruptArtifactException} that names
 * the kind and field anything that runs past the payload's end, declares more bytes than remain, or is malformed.
 * Nothing is allocated from a declared length before that length is checked against the bytes left.
 */
public final class PayloadReader {

    private final ByteBuffer in;
    private final String kind;

    public PayloadReader(byte[] artifact, int offset, int length, String kind) {
        this.in = ByteBuffer.wrap(artifact, offset, length).slice();
        this.kind = kind;
    }

    public int readInt(String field) {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
    }

    public long readLong(String field) {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
    }

    public double readDouble(String field) {
        return Double.longBitsToDouble(readLong(field));
    }

    public String readString(String field) {
        int length;
        try {
            length = Short.toUnsignedInt(in.getShort());
        } catch (BufferUnderflowException e) {
            throw truncated(field, e);
        }
        ByteBuffer utf8 = slice(field, length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(utf8)
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(field + " is not valid UTF-8", e);
        }
    }

    public List<String> readFeatureNames() {
        int count = readInt("feature count");
        if (count < 1 || count > FeatureNameRules.MAX_FEATURES) {
            throw corrupt("feature count " + count + " is not in 1.." + FeatureNameRules.MAX_FEATURES, null);
        }
        var names = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            names.add(readString("feature name " + i));
        }
        String problem = FeatureNameRules.problem(names);
        if (problem != null) {
            throw corrupt(problem, null);
        }
        return List.copyOf(names);
    }

    public RobustSummary readSummary(String field) {
        double median = readDouble(field + ".median");
        double mad = readDouble(field + ".mad");
        double meanAbsDeviation = readDouble(field + ".meanAbsDeviation");
        long count = readLong(field + ".count");
        try {
            return count == 0 ? RobustSummary.empty() : new RobustSummary(median, mad, meanAbsDeviation, count);
        } catch (IllegalArgumentException e) {
            throw corrupt(field + ": " + e.getMessage(), e);
        }
    }

    /** A length-prefixed blob (a copy). */
    public byte[] readBlob(String field) {
        int length = readInt(field + " length");
        ByteBuffer blob = slice(field, length);
        byte[] bytes = new byte[length];
        blob.get(bytes);
        return bytes;
    }

    /** Refuses bytes left over after the last field. */
    public void expectEnd() {
        if (in.hasRemaining()) {
            throw corrupt(in.remaining() + " unexpected bytes after the last field", null);
        }
    }

    /** A CorruptArtifactException naming the kind. */
    public CorruptArtifactException corrupt(String problem, @Nullable Throwable cause) {
        String message = kind + " payload: " + problem;
        return cause == null ? new CorruptArtifactException(message) : new CorruptArtifactException(message, cause);
    }

    private ByteBuffer slice(String field, int length) {
        if (length < 0 || length > in.remaining()) {
            throw corrupt(field + " declares " + length + " bytes but " + in.remaining() + " remain", null);
        }
        ByteBuffer part = in.slice(in.position(), length);
        in.position(in.position() + length);
        return part;
    }

    private CorruptArtifactException truncated(String field, BufferUnderflowException e) {
        return corrupt("truncated: the payload ends inside " + field, e);
    }
}
