package io.aihub.topology.models;

/** The artifact (or the size the registry recorded for it) is over the configured limit. */
public final class ArtifactTooLargeException extends ModelArtifactException {

    private final long sizeBytes;
    private final long maxBytes;

    public ArtifactTooLargeException(String what, long sizeBytes, long maxBytes) {
        super(what + " is " + sizeBytes + " bytes, over the limit of " + maxBytes + " bytes");
        this.sizeBytes = sizeBytes;
        this.maxBytes = maxBytes;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
