package io.aihub.topology.models;

/**
 * The artifact is well formed but this reader cannot read it: a newer format version, an unknown model kind, or a
 * kind payload version this reader does not know. Upgrading the reader, not re-uploading the bytes, fixes it.
 */
public final class UnsupportedModelException extends ModelArtifactException {

    public UnsupportedModelException(String message) {
        super(message);
    }
}
