package io.aihub.topology.models;

import io.aihub.topology.models.internal.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ModelArtifacts#read} checks on the whole artifact before it parses anything.
 *
 * @param maxBytes the largest artifact accepted, in bytes (&gt; 0)
 * @param sha256Hex the expected SHA-256 of the whole artifact, 64 hex digits (normalised to lower case), or null to
 *     skip the checksum (only for artifacts that do not come from the registry)
 */
public record ArtifactCheck(long maxBytes, @Nullable String sha256Hex) {

    public ArtifactCheck {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0, was " + maxBytes);
        }
        if (sha256Hex != null) {
            sha256Hex = Sha256.requireHex(sha256Hex, "sha256Hex");
        }
    }

    /** Check the size and the SHA-256. */
    public static ArtifactCheck of(long maxBytes, String sha256Hex) {
        return new ArtifactCheck(maxBytes, sha256Hex);
    }

    /** Check the size only. */
    public static ArtifactCheck sizeOnly(long maxBytes) {
        return new ArtifactCheck(maxBytes, null);
    }
}
