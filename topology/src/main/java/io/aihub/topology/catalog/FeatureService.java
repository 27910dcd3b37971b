package io.aihub.topology.catalog;

import java.util.List;

/** A Feast-style feature service declared in the catalog: a name for a list of {@code view:feature} references. */
public record FeatureService(String name, String description, List<String> features) {

    public FeatureService {
        features = List.copyOf(features);
    }
}
