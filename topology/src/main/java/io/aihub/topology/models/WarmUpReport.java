package io.aihub.topology.models;

import java.util.List;

/**
 * What {@link ModelCache#warmUp} loaded and what it could not.
 *
 * @param loaded the models now in the cache
 * @param failed the models that could not be loaded, each with why
 */
public record WarmUpReport(List<ModelRef> loaded, List<Failure> failed) {

    public WarmUpReport {
        loaded = List.copyOf(loaded);
        failed = List.copyOf(failed);
    }

    /** Whether every model was loaded. */
    public boolean complete() {
        return failed.isEmpty();
    }

    /**
     * A model that could not be loaded.
     *
     * @param ref the model
     * @param error why: a {@link ModelLoadException} or a {@link ModelArtifactException}
     */
    public record Failure(ModelRef ref, RuntimeException error) {}
}
