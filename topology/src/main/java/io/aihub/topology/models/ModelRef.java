package io.aihub.topology.models;

import io.aihub.topology.models.internal.Sha256;

/**
 * One registered version of a model, as the registry's metadata describes it. The {@link ModelCache} key: a version
 * re-registered with other bytes has another SHA-256, so it is another entry.
 *
 * @param modelId the model's id in the registry
 * @param sha256Hex the SHA-256 of the artifact, 64 hex digits (normalised to lower case)
 * @param sizeBytes the artifact's size in bytes (&gt; 0)
 */
public record ModelRef(String modelId, String sha256Hex, long sizeBytes) {

    public ModelRef {
        if (modelId.isBlank()) {
            throw new IllegalArgumentException("modelId must not be blank");
        }
        sha256Hex = Sha256.requireHex(sha256Hex, "sha256Hex of model " + modelId);
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("sizeBytes of model " + modelId + " must be > 0, was " + sizeBytes);
        }
    }
}
