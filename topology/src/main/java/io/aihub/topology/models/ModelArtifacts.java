package io.aihub.topology.models;

import io.aihub.topology.models.internal.ArtifactFormat;
import io.aihub.topology.models.internal.PayloadReader;
import io.aihub.topology.models.internal.Sha256;

/**
 * The one artifact format of the product's models (specified byte by byte in {@code topology/MODELS.md}): a header
 * (magic {@code AIHM}, format version, kind id, kind payload version, payload length), then the kind's payload.
 *
 * <p>{@link #read} checks, in this order and before any payload byte is parsed: the size against {@link
 * ArtifactCheck#maxBytes()}, the SHA-256 of the whole artifact against {@link ArtifactCheck#sha256Hex()}, the magic,
 * the format version (a newer one is refused), the kind (an unknown one is refused), the payload version (a newer one
 * is refused) and that exactly the declared payload length follows. Java-serialised parts of a payload are read only
 * through the kind's class allow-list, and must be exactly the class the kind declares.
 */
public final class ModelArtifacts {

    /** The format version this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = ArtifactFormat.FORMAT_VERSION;

    private ModelArtifacts() {}

    /** The artifact of a model, in the newest payload version of its kind. */
    public static byte[] write(TrainedModel model) {
        return switch (model) {
            case IsolationForestModel forest -> artifact(ModelKind.ISOLATION_FOREST, forest.payload());
            case QuantileForecastModel quantiles -> artifact(ModelKind.GRADIENT_BOOST_QUANTILES, quantiles.payload());
            case SeasonalProfileModel profile -> artifact(ModelKind.SEASONAL_PROFILE, profile.payload());
        };
    }

    /**
     * Reads a model from its artifact after the checks listed in the class comment.
     *
     * @throws ArtifactTooLargeException if the artifact is over {@code check.maxBytes()}
     * @throws ChecksumMismatchException if a SHA-256 is given and the artifact's differs
     * @throws UnsupportedModelException if the format version or the kind's payload version is newer than this
     *     reader's, or the kind is unknown
     * @throws CorruptArtifactException if the bytes are not a valid artifact of their kind
     */
    public static TrainedModel read(byte[] bytes, ArtifactCheck check) {
        ArtifactFormat.Parsed parsed = checkAndParse(bytes, check);
        ArtifactHeader header = parsed.header();
        var payload = new PayloadReader(
                bytes,
                parsed.payloadOffset(),
                (int) header.payloadLength(),
                header.kind().id());
        return switch (header.kind()) {
            case ISOLATION_FOREST -> IsolationForestModel.fromPayload(payload, header.payloadVersion());
            case GRADIENT_BOOST_QUANTILES -> QuantileForecastModel.fromPayload(payload, header.payloadVersion());
            case SEASONAL_PROFILE -> SeasonalProfileModel.fromPayload(payload, header.payloadVersion());
        };
    }

    /**
     * Checks an artifact as {@link #read} does, up to and including its header, without decoding the payload: for
     * the registry to validate an upload and record its kind.
     */
    public static ArtifactHeader readHeader(byte[] bytes, ArtifactCheck check) {
        return checkAndParse(bytes, check).header();
    }

    /** The SHA-256 of the bytes, 64 lower-case hex digits (what the registry records and {@link ArtifactCheck} expects). */
    public static String sha256Hex(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    private static ArtifactFormat.Parsed checkAndParse(byte[] bytes, ArtifactCheck check) {
        if (bytes.length > check.maxBytes()) {
            throw new ArtifactTooLargeException("artifact", bytes.length, check.maxBytes());
        }
        String expected = check.sha256Hex();
        if (expected != null) {
            String actual = Sha256.hex(bytes);
            if (!actual.equals(expected)) {
                throw new ChecksumMismatchException(expected, actual);
            }
        }
        return ArtifactFormat.parse(bytes);
    }

    private static byte[] artifact(ModelKind kind, byte[] payload) {
        return ArtifactFormat.write(kind.id(), kind.payloadVersion(), payload);
    }
}
