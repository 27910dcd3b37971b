package io.aihub.services.feast;

import io.aihub.services.api.Violations;
import io.aihub.topology.catalog.FeatureService;
import io.aihub.topology.catalog.FeatureView;
import io.aihub.topology.catalog.FeatureViews;
import io.aihub.topology.maintenance.MaintenanceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a request's {@code features} / {@code feature_service} against the catalog's views and services, naming
 * the field at fault for an unknown view, feature or service, and the response's feature names.
 */
record RequestedFeatures(List<FeatureRef> refs, List<String> names) {

    static RequestedFeatures resolve(
            FeatureViews catalog,
            @Nullable List<String> features,
            @Nullable String featureService,
            boolean fullNames,
            Violations violations) {
        Map<String, FeatureRef> refs = new LinkedHashMap<>();
        if (featureService != null) {
            FeatureService service = catalog.service(featureService).orElse(null);
            if (service == null) {
                violations.add(
                        "feature_service",
                        "unknown feature service '" + featureService + "' (known: "
                                + catalog.services().keySet() + ")");
            } else {
                service.features().forEach(ref -> add(catalog, ref, "feature_service", refs, violations));
            }
        }
        List<String> listed = features == null ? List.of() : features;
        for (int i = 0; i < listed.size(); i++) {
            String item = listed.get(i);
            String field = "features[" + i + "]";
            if (item == null || item.isBlank()) {
                violations.add(field, "must be view:feature or a feature service name");
            } else if (item.indexOf(':') < 0) {
                FeatureService service = catalog.service(item).orElse(null);
                if (service == null) {
                    violations.add(
                            field,
                            "'" + item + "' is neither view:feature nor a feature service (known: "
                                    + catalog.services().keySet() + ")");
                } else {
                    service.features().forEach(ref -> add(catalog, ref, field, refs, violations));
                }
            } else {
                add(catalog, item, field, refs, violations);
            }
        }
        if (refs.isEmpty() && violations.isEmpty()) {
            violations.add("features", "must list at least one view:feature or name a feature_service");
        }
        List<FeatureRef> resolved = List.copyOf(refs.values());
        var names = new ArrayList<String>();
        Map<String, String> owners = new HashMap<>();
        for (FeatureRef ref : resolved) {
            String name = fullNames ? ref.fullName() : ref.feature();
            String other = owners.putIfAbsent(name, ref.view().name());
            if (other != null) {
                violations.add(
                        "full_feature_names",
                        "feature '" + name + "' is requested from views " + other + " and "
                                + ref.view().name() + ": set full_feature_names to true");
            }
            names.add(name);
        }
        return new RequestedFeatures(resolved, names);
    }

    private static void add(
            FeatureViews catalog, String ref, String field, Map<String, FeatureRef> out, Violations violations) {
        int colon = ref.indexOf(':');
        String viewName = ref.substring(0, colon);
        String feature = ref.substring(colon + 1);
        FeatureView view = catalog.view(viewName).orElse(null);
        if (view == null) {
            violations.add(
                    field,
                    "unknown feature view '" + viewName + "' (known: "
                            + catalog.views().keySet() + ")");
            return;
        }
        if (!view.features().contains(feature)) {
            violations.add(field, "feature view '" + viewName + "' has no feature '" + feature + "'");
            return;
        }
        MaintenanceView kept = MaintenanceView.of(viewName).orElseThrow();
        out.putIfAbsent(ref, new FeatureRef(view, kept, feature));
    }
}
