package io.aihub.topology.catalog;

import io.aihub.topology.maintenance.MaintenanceView;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's Feast-style {@code feature_views} (name, entity, ttl, features) and {@code feature_services} (name,
 * list of {@code view:feature}). A view must be one the topology keeps ({@link MaintenanceView}) and may serve any
 * subset of the features it computes; a service may reference only declared views and their declared features.
 *
 * <pre>
 * feature_views:
 *   asset_features: {entity: asset_id, ttl: 365d, features: [asset_type, health_score]}
 * feature_services:
 *   predictive_maintenance: {features: ["asset_features:health_score"]}
 * </pre>
 */
public record FeatureViews(Map<String, FeatureView> views, Map<String, FeatureService> services) {

    private static final Pattern TTL = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
    private static final Set<String> VIEW_FIELDS = Set.of("entity", "ttl", "features", "description");
    private static final Set<String> SERVICE_FIELDS = Set.of("features", "description");

    public FeatureViews {
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public static FeatureViews none() {
        return new FeatureViews(Map.of(), Map.of());
    }

    public Optional<FeatureView> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    public Optional<FeatureService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    static FeatureViews parse(String source, @Nullable JsonNode viewsNode, @Nullable JsonNode servicesNode) {
        var views = new LinkedHashMap<String, FeatureView>();
        if (viewsNode != null && !viewsNode.isNull()) {
            requireMapping(viewsNode, "feature catalog " + source + ", feature_views");
            for (var entry : viewsNode.properties()) {
                views.put(entry.getKey(), view(source, entry.getKey(), entry.getValue()));
            }
        }
        var services = new LinkedHashMap<String, FeatureService>();
        if (servicesNode != null && !servicesNode.isNull()) {
            requireMapping(servicesNode, "feature catalog " + source + ", feature_services");
            for (var entry : servicesNode.properties()) {
                if (views.containsKey(entry.getKey())) {
                    throw new CatalogException("feature catalog " + source + ": feature service '" + entry.getKey()
                            + "' has the name of a feature view");
                }
                services.put(entry.getKey(), service(source, entry.getKey(), entry.getValue(), views));
            }
        }
        return new FeatureViews(views, services);
    }

    private static FeatureView view(String source, String name, JsonNode node) {
        String where = "feature catalog " + source + ", feature view '" + name + "'";
        requireMapping(node, where);
        unknownFields(node, where, VIEW_FIELDS);
        MaintenanceView kept = MaintenanceView.of(name)
                .orElseThrow(() -> new CatalogException(where + ": the topology keeps no such view (known: "
                        + List.of(MaintenanceView.values()).stream()
                                .map(MaintenanceView::viewName)
                                .toList()
                        + ")"));
        String entity = FeatureCatalog.text(node, "entity");
        if (!MaintenanceView.ENTITY.equals(entity)) {
            throw new CatalogException(
                    where + ": 'entity' must be " + MaintenanceView.ENTITY + ", was '" + entity + "'");
        }
        Duration ttl = ttl(FeatureCatalog.text(node, "ttl"), where);
        List<String> features = FeatureCatalog.strings(node, "features", where);
        if (features.isEmpty()) {
            throw new CatalogException(where + ": 'features' must not be empty");
        }
        var seen = new HashSet<String>();
        for (String feature : features) {
            if (!kept.features().contains(feature)) {
                throw new CatalogException(where + ": unknown feature '" + feature + "'");
            }
            if (!seen.add(feature)) {
                throw new CatalogException(where + ": feature '" + feature + "' is listed twice");
            }
        }
        return new FeatureView(name, entity, ttl, features);
    }

    private static FeatureService service(String source, String name, JsonNode node, Map<String, FeatureView> views) {
        String where = "feature catalog " + source + ", feature service '" + name + "'";
        requireMapping(node, where);
        unknownFields(node, where, SERVICE_FIELDS);
        List<String> features = FeatureCatalog.strings(node, "features", where);
        if (features.isEmpty()) {
            throw new CatalogException(where + ": 'features' must not be empty");
        }
        for (String ref : features) {
            int colon = ref.indexOf(':');
            FeatureView view = colon < 0 ? null : views.get(ref.substring(0, colon));
            if (view == null || !view.features().contains(ref.substring(colon + 1))) {
                throw new CatalogException(
                        where + ": '" + ref + "' is not view:feature of a declared view and feature");
            }
        }
        return new FeatureService(name, FeatureCatalog.text(node, "description"), features);
    }

    static Duration ttl(String text, String where) {
        var m = TTL.matcher(text);
        if (!m.matches()) {
            throw new CatalogException(
                    where + ": 'ttl' must be a positive number with unit s, m, h or d (e.g. 365d), was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static void requireMapping(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new CatalogException(where + " must be a mapping");
        }
    }

    private static void unknownFields(JsonNode node, String where, Set<String> allowed) {
        for (String field : node.propertyNames()) {
            if (!allowed.contains(field)) {
                throw new CatalogException(where + ": unknown field '" + field + "' (allowed: " + allowed + ")");
            }
        }
    }
}
