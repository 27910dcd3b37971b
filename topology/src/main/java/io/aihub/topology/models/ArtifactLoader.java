package io.aihub.topology.models;

import java.io.IOException;

/** Fetches the bytes of a model's artifact; in production, a download from the registry's S3 bucket. */
@FunctionalInterface
public interface ArtifactLoader {

    /**
     * The artifact's bytes. The {@link ModelCache} checks them (size, SHA-256, format) itself.
     *
     * @throws IOException if the bytes cannot be fetched
     */
    byte[] load(ModelRef ref) throws IOException;
}
