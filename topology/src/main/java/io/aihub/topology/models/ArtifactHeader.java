package io.aihub.topology.models;

/**
 * The header of an artifact, as {@link ModelArtifacts#readHeader} found it.
 *
 * @param formatVersion the artifact format version
 * @param kind the model kind
 * @param payloadVersion the version of the kind's payload encoding
 * @param payloadLength the payload's length in bytes
 */
public record ArtifactHeader(int formatVersion, ModelKind kind, int payloadVersion, long payloadLength) {}
