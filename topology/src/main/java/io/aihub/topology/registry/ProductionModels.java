package io.aihub.topology.registry;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.ModelStage;
import io.aihub.schemas.ModelType;
import io.aihub.schemas.ModelVersion;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.models.ArtifactLoader;
import io.aihub.topology.models.ModelCache;
import io.aihub.topology.models.ModelRef;
import io.aihub.topology.models.TrainedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models the stream scores with: the production version of each of a tenant's models, read from the global
 * registry store, loaded through one cache shared by every task of the instance (artifacts are checked - size,
 * SHA-256, known kind - before they are deserialised). Every registry change bumps {@link #generation()}, so a task
 * re-reads its tenant's production models on its next record: a promote takes effect without a restart.
 */
public final class ProductionModels implements RegistryListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelCache cache;
    private final ArtifactLoader loader;
    private final AtomicLong generation = new AtomicLong();

    public ProductionModels(ModelCache cache, ArtifactLoader loader) {
        this.cache = cache;
        this.loader = loader;
    }

    /**
     * A production model version and the series it applies to ({@code null}: every asset / metric).
     *
     * @param scoreThreshold the model's own anomaly threshold on its raw score (metadata {@code score_threshold}, set
     *     by training at the contamination quantile), or null: the threshold is the sensitivity
     */
    public record ProductionModel(
            ModelId id,
            ModelVersion version,
            @Nullable String assetId,
            @Nullable String metric,
            @Nullable Double scoreThreshold) {

        public ModelRef ref() {
            return new ModelRef(id.toString(), version.getArtifactSha256(), version.getArtifactSize());
        }

        public boolean appliesTo(String asset, String seriesMetric) {
            return (assetId == null || assetId.equals(asset)) && (metric == null || metric.equals(seriesMetric));
        }
    }

    /** Changes whenever the registry changes. */
    public long generation() {
        return generation.get();
    }

    /** The model behind {@code model}, from the cache or loaded now. */
    public TrainedModel load(ProductionModel model) {
        return cache.get(model.ref(), loader);
    }

    public ModelCache cache() {
        return cache;
    }

    public ArtifactLoader loader() {
        return loader;
    }

    @Override
    public void familyChanged(String familyKey, @Nullable ModelFamily family) {
        generation.incrementAndGet();
    }

    @Override
    public void replied(RegistryReply reply) {}

    /**
     * The tenant's production anomaly models the stream can load (artifact in the product's format), with their
     * scope from the metadata fields {@code asset_id} and {@code metric} (absent: every asset / metric) and their
     * {@code score_threshold}, if any.
     */
    public static List<ProductionModel> anomalyModels(
            ReadOnlyKeyValueStore<String, ModelFamily> registry, String tenantId) {
        return ofType(registry, tenantId, ModelType.anomaly);
    }

    /**
     * The tenant's production forecast models the stream can load, scoped like {@link #anomalyModels}; the most
     * specific first (asset and metric, then asset, then metric, then none), ties by model name.
     */
    public static List<ProductionModel> forecastModels(
            ReadOnlyKeyValueStore<String, ModelFamily> registry, String tenantId) {
        var models = new ArrayList<>(ofType(registry, tenantId, ModelType.forecast));
        models.sort(Comparator.comparingInt(
                        (ProductionModel m) -> (m.assetId() == null ? 2 : 0) + (m.metric() == null ? 1 : 0))
                .thenComparing(m -> m.id().modelName()));
        return List.copyOf(models);
    }

    /** The numeric fields of a version's metrics.json (others and unreadable JSON are left out), in their order. */
    public static Map<String, Double> numericMetrics(ModelVersion version) {
        var metrics = new LinkedHashMap<String, Double>();
        try {
            JsonNode root = JSON.readTree(version.getMetricsJson());
            for (var field : root.properties()) {
                if (field.getValue().isNumber()
                        && Double.isFinite(field.getValue().asDouble())) {
                    metrics.put(field.getKey(), field.getValue().asDouble());
                }
            }
        } catch (JacksonException e) {
            return Map.of();
        }
        return metrics;
    }

    private static List<ProductionModel> ofType(
            ReadOnlyKeyValueStore<String, ModelFamily> registry, String tenantId, ModelType type) {
        var found = new ArrayList<ProductionModel>();
        try (var families = registry.prefixScan(tenantId + ":", Serdes.String().serializer())) {
            families.forEachRemaining(entry -> {
                ModelFamily family = entry.value;
                for (ModelVersion version : family.getVersions()) {
                    if (version.getStage() == ModelStage.production
                            && version.getModelType() == type
                            && version.getArtifactKind() != null) {
                        JsonNode metadata = metadata(version);
                        found.add(new ProductionModel(
                                new ModelId(family.getTenantId(), family.getModelName(), version.getVersion()),
                                version,
                                text(metadata, "asset_id"),
                                text(metadata, "metric"),
                                number(metadata, "score_threshold")));
                    }
                }
            });
        }
        return List.copyOf(found);
    }

    private static JsonNode metadata(ModelVersion version) {
        try {
            return JSON.readTree(version.getMetadataJson());
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static @Nullable Double number(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        return value != null && value.isNumber() && Double.isFinite(value.asDouble()) ? value.asDouble() : null;
    }

    private static @Nullable String text(JsonNode metadata, String field) {
        JsonNode value = metadata.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
