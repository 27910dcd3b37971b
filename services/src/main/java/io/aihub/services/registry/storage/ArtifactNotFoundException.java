package io.aihub.services.registry.storage;

/** No artifact is stored for the requested model version. */
public final class ArtifactNotFoundException extends ModelStorageException {

    private static final long serialVersionUID = 1L;

    private final String location;

    /** @param location the artifact's {@code s3://} URL */
    public ArtifactNotFoundException(String location) {
        super("no model artifact at " + location);
        this.location = location;
    }

    /** The artifact's {@code s3://} URL. */
    public String location() {
        return location;
    }
}
