package io.aihub.topology.catalog;

import java.time.Duration;
import java.util.List;

/**
 * A Feast-style feature view declared in the catalog: its entity, its TTL (the max age past which a served value is
 * {@code OUTSIDE_MAX_AGE}) and the features it serves.
 */
public record FeatureView(String name, String entity, Duration ttl, List<String> features) {

    public FeatureView {
        features = List.copyOf(features);
    }
}
