package io.aihub.topology.catalog;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.catalog.DetectionPolicy.Rule;
import io.aihub.topology.catalog.DetectionPolicy.TenantRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the catalog's {@code anomaly_detection} section ({@link DetectionPolicy}), naming what is wrong. */
final class DetectionPolicies {

    private static final Set<String> RULE_FIELDS = Set.of("methods", "sensitivity");

    private DetectionPolicies() {}

    static DetectionPolicy parse(String source, @Nullable JsonNode section) {
        if (section == null || section.isNull()) {
            return DetectionPolicy.defaults();
        }
        ScopedRules<Rule> rules = ScopedRules.parse(
                section,
                "feature catalog " + source + ", anomaly_detection",
                new Rule(null, null),
                RULE_FIELDS,
                DetectionPolicies::rule);
        var tenants = new HashMap<String, TenantRules>();
        rules.tenants()
                .forEach((tenant, rule) ->
                        tenants.put(tenant, new TenantRules(rule, rules.assets().get(tenant))));
        return new DetectionPolicy(rules.fallback(), tenants);
    }

    private static Rule rule(JsonNode node, String where, Set<String> fields) {
        ScopedRules.requireMapping(node, where, fields);
        List<DetectionMethod> methods = null;
        JsonNode methodsNode = node.get("methods");
        if (methodsNode != null && !methodsNode.isNull()) {
            methods = new ArrayList<>();
            for (String name : FeatureCatalog.strings(node, "methods", where)) {
                try {
                    DetectionMethod method = DetectionMethod.of(name);
                    if (methods.contains(method)) {
                        throw new CatalogException(where + ": method '" + name + "' is listed twice");
                    }
                    methods.add(method);
                } catch (IllegalArgumentException e) {
                    throw new CatalogException(where + ": " + e.getMessage(), e);
                }
            }
        }
        Double sensitivity = null;
        JsonNode sensitivityNode = node.get("sensitivity");
        if (sensitivityNode != null && !sensitivityNode.isNull()) {
            if (!sensitivityNode.isNumber()
                    || !(sensitivityNode.asDouble() >= 1.0 && sensitivityNode.asDouble() <= 5.0)) {
                throw new CatalogException(where + ": 'sensitivity' must be a number from 1.0 to 5.0");
            }
            sensitivity = sensitivityNode.asDouble();
        }
        return new Rule(methods, sensitivity);
    }
}
