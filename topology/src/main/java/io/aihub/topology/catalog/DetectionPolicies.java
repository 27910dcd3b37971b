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

    private static final Set<String> SECTION_FIELDS = Set.of("default", "tenants");
    private static final Set<String> RULE_FIELDS = Set.of("methods", "sensitivity");
    private static final Set<String> TENANT_FIELDS = Set.of("methods", "sensitivity", "assets");

    private DetectionPolicies() {}

    static DetectionPolicy parse(String source, @Nullable JsonNode section) {
        if (section == null || section.isNull()) {
            return DetectionPolicy.defaults();
        }
        String where = "feature catalog " + source + ", anomaly_detection";
        requireMapping(section, where, SECTION_FIELDS);
        JsonNode defaults = section.get("default");
        Rule rule = defaults == null ? new Rule(null, null) : rule(defaults, where + ".default", RULE_FIELDS);
        var tenants = new HashMap<String, TenantRules>();
        JsonNode tenantsNode = section.get("tenants");
        if (tenantsNode != null && !tenantsNode.isNull()) {
            requireMapping(tenantsNode, where + ".tenants", null);
            for (var tenant : tenantsNode.properties()) {
                String tenantWhere = where + ".tenants." + tenant.getKey();
                Rule tenantRule = rule(tenant.getValue(), tenantWhere, TENANT_FIELDS);
                var assets = new HashMap<String, Rule>();
                JsonNode assetsNode = tenant.getValue().get("assets");
                if (assetsNode != null && !assetsNode.isNull()) {
                    requireMapping(assetsNode, tenantWhere + ".assets", null);
                    for (var asset : assetsNode.properties()) {
                        assets.put(
                                asset.getKey(),
                                rule(asset.getValue(), tenantWhere + ".assets." + asset.getKey(), RULE_FIELDS));
                    }
                }
                tenants.put(tenant.getKey(), new TenantRules(tenantRule, assets));
            }
        }
        return new DetectionPolicy(rule, tenants);
    }

    private static Rule rule(JsonNode node, String where, Set<String> fields) {
        requireMapping(node, where, fields);
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

    static void requireMapping(JsonNode node, String where, @Nullable Set<String> fields) {
        if (!node.isObject()) {
            throw new CatalogException(where + " must be a mapping");
        }
        if (fields != null) {
            for (String name : node.propertyNames()) {
                if (!fields.contains(name)) {
                    throw new CatalogException(where + ": unknown field '" + name + "', expected one of " + fields);
                }
            }
        }
    }
}
