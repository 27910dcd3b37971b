package io.aihub.services.online;

import io.aihub.schemas.FeatureVector;
import io.aihub.topology.features.FeatureNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a vector in Redis: the {@code features} topic's {@code FeatureVector} in snake_case, {@code timestamp}
 * ISO-8601 UTC, {@code features} in catalog order with {@code null} where there is no data (the reference caches the
 * features as JSON):
 * {@code {"tenant_id":"t","asset_id":"a","metric":"value","timestamp":"2025-10-09T14:05:00Z","value":43.5,
 * "features":{"hour_of_day":14.0,…},"catalog_version":1}}.
 */
final class VectorJson {

    private final JsonMapper json;

    VectorJson(JsonMapper json) {
        this.json = json;
    }

    String write(FeatureVector vector) {
        Map<String, Object> body = LinkedHashMap.newLinkedHashMap(7);
        body.put("tenant_id", vector.getTenantId());
        body.put("asset_id", vector.getAssetId());
        body.put("metric", vector.getMetric());
        body.put("timestamp", vector.getTimestamp().toString());
        body.put("value", vector.getValue());
        Map<String, Double> in = vector.getFeatures();
        Map<String, @Nullable Double> features = LinkedHashMap.newLinkedHashMap(in.size());
        for (String name : FeatureNames.ALL) {
            if (in.containsKey(name)) {
                features.put(name, in.get(name));
            }
        }
        in.forEach(features::putIfAbsent); // names of a newer catalog, after the known ones
        body.put("features", features);
        body.put("catalog_version", vector.getCatalogVersion());
        return json.writeValueAsString(body);
    }

    /**
     * Reads a vector written by {@link #write}.
     *
     * @throws OnlineStoreException if it is not such a vector (never written by this class, or damaged)
     */
    CachedVector read(String text, Instant watermark) {
        try {
            JsonNode node = json.readTree(text);
            Map<String, @Nullable Double> features = new LinkedHashMap<>();
            for (var entry : node.required("features").properties()) {
                JsonNode value = entry.getValue();
                features.put(entry.getKey(), value.isNull() ? null : value.asDouble());
            }
            return new CachedVector(
                    node.required("tenant_id").asString(),
                    node.required("asset_id").asString(),
                    node.required("metric").asString(),
                    Instant.parse(node.required("timestamp").asString()),
                    node.required("value").asDouble(),
                    features,
                    node.path("catalog_version").asInt(1),
                    watermark);
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw new OnlineStoreException("a cached vector is not readable JSON of a feature vector", e);
        }
    }
}
