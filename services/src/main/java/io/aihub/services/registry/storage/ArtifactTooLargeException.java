package io.aihub.services.registry.storage;

/** The stored artifact is larger than the caller accepts; it was not downloaded. */
public final class ArtifactTooLargeException extends ModelStorageException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final long size;
    private final long maxBytes;

    /**
     * @param location the artifact's {@code s3://} URL
     * @param size the artifact's size in bytes, as the server reported it (or a lower bound, if it grew while it
     *     was being read)
     * @param maxBytes the largest size the caller accepts (at most what fits a byte array)
     */
    public ArtifactTooLargeException(String location, long size, long maxBytes) {
        super("the model artifact at " + location + " has " + size + " bytes, more than the " + maxBytes
                + " bytes allowed");
        this.location = location;
        this.size = size;
        this.maxBytes = maxBytes;
    }

    /** The artifact's {@code s3://} URL. */
    public String location() {
        return location;
    }

    /** The artifact's size in bytes. */
    public long size() {
        return size;
    }

    /** The largest size the caller accepts. */
    public long maxBytes() {
        return maxBytes;
    }
}
