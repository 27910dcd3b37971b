package io.aihub.topology.catalog;

import io.aihub.topology.features.FeatureNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The versioned feature catalog: which features each feature set contains. Loaded from YAML:
 *
 * <pre>
 * version: 1
 * feature_sets:
 *   forecast_basic:
 *     description: ...
 *     features: [hour_of_day, lag_1h]
 *     use_cases: [load_forecasting]
 *     latency: "&lt;50ms"
 *     storage: redis
 * anomaly_detection:          # optional, see DetectionPolicy
 *   default: {methods: [prophet_decomposition]}
 * forecasting:                # optional, see ForecastPolicy
 *   default: {type: load, horizon_hours: 24, interval_minutes: 60}
 * feature_views: ...          # optional, see FeatureViews
 * feature_services: ...
 * </pre>
 */
public final class FeatureCatalog {

    private static final String DEFAULT_RESOURCE = "/catalog/features.yaml";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> KNOWN = Set.copyOf(FeatureNames.ALL);

    private final int version;
    private final Map<String, FeatureSet> sets;
    private final DetectionPolicy detection;
    private final ForecastPolicy forecasting;
    private final FeatureViews views;

    public FeatureCatalog(int version, Map<String, FeatureSet> sets) {
        this(version, sets, DetectionPolicy.defaults());
    }

    public FeatureCatalog(int version, Map<String, FeatureSet> sets, DetectionPolicy detection) {
        this(version, sets, detection, ForecastPolicy.off());
    }

    public FeatureCatalog(
            int version, Map<String, FeatureSet> sets, DetectionPolicy detection, ForecastPolicy forecasting) {
        this(version, sets, detection, forecasting, FeatureViews.none());
    }

    public FeatureCatalog(
            int version,
            Map<String, FeatureSet> sets,
            DetectionPolicy detection,
            ForecastPolicy forecasting,
            FeatureViews views) {
        this.views = views;
        this.version = version;
        this.sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
        this.detection = detection;
        this.forecasting = forecasting;
    }

    public static FeatureCatalog load(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new CatalogException("cannot read feature catalog " + path, e);
        }
    }

    /** The catalog shipped with the topology: classpath resource {@code /catalog/features.yaml}. */
    public static FeatureCatalog loadDefault() {
        try (InputStream in = FeatureCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new CatalogException("classpath resource " + DEFAULT_RESOURCE + " is missing");
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new CatalogException("cannot read feature catalog " + DEFAULT_RESOURCE, e);
        }
    }

    public int version() {
        return version;
    }

    /** The feature sets by name, in file order. */
    public Map<String, FeatureSet> sets() {
        return sets;
    }

    public Optional<FeatureSet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    /** Which detectors score whose readings in-stream (section {@code anomaly_detection}; defaults if absent). */
    public DetectionPolicy detectionPolicy() {
        return detection;
    }

    /** Which series are forecast in-stream each hour, and how (section {@code forecasting}; none if absent). */
    public ForecastPolicy forecastPolicy() {
        return forecasting;
    }

    /** The Feast-style feature views and feature services (sections {@code feature_views}, {@code feature_services}). */
    public FeatureViews views() {
        return views;
    }

    private static FeatureCatalog parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            throw new CatalogException("feature catalog " + source + " is not valid YAML", e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogException(
                    "feature catalog " + source + " must be a mapping with version and feature_sets");
        }
        JsonNode versionNode = root.get("version");
        if (versionNode == null || !versionNode.isIntegralNumber() || versionNode.asInt() < 1) {
            throw new CatalogException("feature catalog " + source + ": 'version' must be a positive integer");
        }
        JsonNode setsNode = root.get("feature_sets");
        if (setsNode == null || !setsNode.isObject()) {
            throw new CatalogException("feature catalog " + source + ": 'feature_sets' must be a mapping");
        }
        var sets = new LinkedHashMap<String, FeatureSet>();
        for (var entry : setsNode.properties()) {
            sets.put(entry.getKey(), parseSet(source, entry.getKey(), entry.getValue()));
        }
        return new FeatureCatalog(
                versionNode.asInt(),
                sets,
                DetectionPolicies.parse(source, root.get("anomaly_detection")),
                ForecastPolicies.parse(source, root.get("forecasting")),
                FeatureViews.parse(source, root.get("feature_views"), root.get("feature_services")));
    }

    private static FeatureSet parseSet(String source, String name, JsonNode node) {
        String where = "feature catalog " + source + ", feature set '" + name + "'";
        if (!node.isObject()) {
            throw new CatalogException(where + " must be a mapping");
        }
        List<String> features = strings(node, "features", where);
        if (features.isEmpty()) {
            throw new CatalogException(where + ": 'features' must not be empty");
        }
        for (String feature : features) {
            if (!KNOWN.contains(feature)) {
                throw new CatalogException(where + ": unknown feature '" + feature + "'");
            }
        }
        return new FeatureSet(
                name,
                text(node, "description"),
                features,
                strings(node, "use_cases", where),
                text(node, "latency"),
                text(node, "storage"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new CatalogException(where + ": '" + field + "' must be a list");
        }
        var out = new ArrayList<String>(value.size());
        for (JsonNode item : value) {
            out.add(item.asString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "FeatureCatalog[version=" + version + ", sets=" + sets.keySet() + "]";
    }
}
