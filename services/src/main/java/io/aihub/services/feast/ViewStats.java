package io.aihub.services.feast;

import io.aihub.topology.catalog.FeatureView;
import io.aihub.topology.maintenance.ViewRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Running statistics of one feature view over a tenant's entities: how many have a row, the newest event time
 * (freshness) and per feature how many rows have no value. Partial statistics of several instances add up.
 */
final class ViewStats {

    private final FeatureView view;
    private long entities;
    private long newest = Long.MIN_VALUE;
    private final long[] nulls;

    ViewStats(FeatureView view) {
        this.view = view;
        this.nulls = new long[view.features().size()];
    }

    void add(ViewRow row) {
        entities++;
        newest = Math.max(newest, row.eventTime());
        List<String> features = view.features();
        for (int j = 0; j < features.size(); j++) {
            if (row.values().get(features.get(j)) == null) {
                nulls[j]++;
            }
        }
    }

    /** Adds another instance's statistics of the same view (its JSON from {@link #json()}). */
    void merge(JsonNode other) {
        long count = other.path("entities").asLong();
        if (count == 0) {
            return;
        }
        entities += count;
        newest = Math.max(
                newest, Instant.parse(other.path("freshness").asString()).toEpochMilli());
        JsonNode features = other.path("features");
        for (int j = 0; j < nulls.length; j++) {
            nulls[j] += features.path(j).path("null_count").asLong();
        }
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", view.name());
        out.put("entity", view.entity());
        out.put("ttl_seconds", view.ttl().toSeconds());
        out.put("entities", entities);
        out.put("freshness", entities == 0 ? null : Instant.ofEpochMilli(newest).toString());
        var features = new java.util.ArrayList<Map<String, Object>>();
        for (int j = 0; j < nulls.length; j++) {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", view.features().get(j));
            feature.put(
                    "freshness",
                    entities == 0 ? null : Instant.ofEpochMilli(newest).toString());
            feature.put("null_count", nulls[j]);
            feature.put("null_rate", entities == 0 ? null : nulls[j] / (double) entities);
            features.add(feature);
        }
        out.put("features", features);
        return out;
    }
}
