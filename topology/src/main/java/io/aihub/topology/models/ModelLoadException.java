package io.aihub.topology.models;

/**
 * The artifact of a model could not be fetched (the {@link ArtifactLoader} failed, or the wait was interrupted).
 * Distinct from {@link ModelArtifactException}, which refuses bytes that were fetched.
 */
public final class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
