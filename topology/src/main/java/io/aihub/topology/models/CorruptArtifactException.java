package io.aihub.topology.models;

/**
 * The bytes are not a valid artifact: bad magic, truncated or trailing bytes, a payload that does not decode as its
 * kind, a class outside the kind's deserialisation allow-list, or an object of another type than the kind declares.
 */
public final class CorruptArtifactException extends ModelArtifactException {

    public CorruptArtifactException(String message) {
        super(message);
    }

    public CorruptArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
