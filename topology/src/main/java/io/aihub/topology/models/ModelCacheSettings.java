package io.aihub.topology.models;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ModelCache}.
 *
 * @param maxModels the most models held; beyond it the least recently used go
 * @param ttl how long a model stays after it was last read (expire after access)
 * @param maxArtifactBytes the largest artifact loaded, in bytes
 */
public record ModelCacheSettings(int maxModels, Duration ttl, long maxArtifactBytes) {

    public ModelCacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        if (maxModels < 1) {
            throw new IllegalArgumentException("maxModels must be >= 1, was " + maxModels);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
        }
        if (maxArtifactBytes < 1) {
            throw new IllegalArgumentException("maxArtifactBytes must be >= 1, was " + maxArtifactBytes);
        }
    }

    /** 32 models, 6 hours, 256 MiB. */
    public static ModelCacheSettings defaults() {
        return new ModelCacheSettings(32, Duration.ofHours(6), 256L << 20);
    }
}
