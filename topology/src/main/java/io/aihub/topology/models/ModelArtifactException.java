package io.aihub.topology.models;

/**
 * A model artifact was refused; the subclass says which check failed and the message gives the details. Thrown by
 * {@link ModelArtifacts#read} and {@link ModelCache#get}, always before a refused payload is deserialised.
 */
public abstract sealed class ModelArtifactException extends RuntimeException
        permits ArtifactTooLargeException,
                ChecksumMismatchException,
                UnsupportedModelException,
                CorruptArtifactException {

    protected ModelArtifactException(String message) {
        super(message);
    }

    protected ModelArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
