package io.aihub.topology.catalog;

import io.aihub.topology.catalog.ForecastPolicy.Rule;
import io.aihub.topology.catalog.ForecastPolicy.TenantRules;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.ForecastValidationException;
import java.util.HashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the catalog's {@code forecasting} section ({@link ForecastPolicy}), naming what is wrong. */
final class ForecastPolicies {

    private static final Set<String> SECTION_FIELDS = Set.of("default", "tenants");
    private static final Set<String> RULE_FIELDS = Set.of("enabled", "type", "horizon_hours", "interval_minutes");
    private static final Set<String> TENANT_FIELDS =
            Set.of("enabled", "type", "horizon_hours", "interval_minutes", "assets");

    private ForecastPolicies() {}

    static ForecastPolicy parse(String source, @Nullable JsonNode section) {
        if (section == null || section.isNull()) {
            return ForecastPolicy.off();
        }
        String where = "feature catalog " + source + ", forecasting";
        DetectionPolicies.requireMapping(section, where, SECTION_FIELDS);
        JsonNode defaults = section.get("default");
        Rule rule =
                defaults == null ? new Rule(true, null, null, null) : rule(defaults, where + ".default", RULE_FIELDS);
        var tenants = new HashMap<String, TenantRules>();
        JsonNode tenantsNode = section.get("tenants");
        if (tenantsNode != null && !tenantsNode.isNull()) {
            DetectionPolicies.requireMapping(tenantsNode, where + ".tenants", null);
            for (var tenant : tenantsNode.properties()) {
                String tenantWhere = where + ".tenants." + tenant.getKey();
                Rule tenantRule = rule(tenant.getValue(), tenantWhere, TENANT_FIELDS);
                var assets = new HashMap<String, Rule>();
                JsonNode assetsNode = tenant.getValue().get("assets");
                if (assetsNode != null && !assetsNode.isNull()) {
                    DetectionPolicies.requireMapping(assetsNode, tenantWhere + ".assets", null);
                    for (var asset : assetsNode.properties()) {
                        assets.put(
                                asset.getKey(),
                                rule(asset.getValue(), tenantWhere + ".assets." + asset.getKey(), RULE_FIELDS));
                    }
                }
                tenants.put(tenant.getKey(), new TenantRules(tenantRule, assets));
            }
        }
        return new ForecastPolicy(rule, tenants);
    }

    private static Rule rule(JsonNode node, String where, Set<String> fields) {
        DetectionPolicies.requireMapping(node, where, fields);
        Boolean enabled = null;
        JsonNode enabledNode = node.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (!enabledNode.isBoolean()) {
                throw new CatalogException(where + ": 'enabled' must be true or false");
            }
            enabled = enabledNode.asBoolean();
        }
        try {
            JsonNode typeNode = node.get("type");
            ForecastType type = typeNode == null || typeNode.isNull() ? null : ForecastType.of(typeNode.asString());
            return new Rule(
                    enabled, type, integer(node, "horizon_hours", where), integer(node, "interval_minutes", where));
        } catch (ForecastValidationException e) {
            throw new CatalogException(where + ": " + e.getMessage(), e);
        }
    }

    private static @Nullable Integer integer(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw new CatalogException(where + ": '" + field + "' must be an integer");
        }
        return value.asInt();
    }
}
