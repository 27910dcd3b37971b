package io.aihub.topology.catalog;

import java.util.List;

/** A named set of features declared in the catalog, with its documented use cases and serving targets. */
public record FeatureSet(
        String name, String description, List<String> features, List<String> useCases, String latency, String storage) {

    public FeatureSet {
        features = List.copyOf(features);
        useCases = List.copyOf(useCases);
    }
}
