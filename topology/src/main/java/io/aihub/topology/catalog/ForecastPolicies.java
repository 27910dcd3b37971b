package io.aihub.topology.catalog;

import io.aihub.topology.catalog.ForecastPolicy.Rule;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.ForecastValidationException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the catalog's {@code forecasting} section ({@link ForecastPolicy}), naming what is wrong. */
final class ForecastPolicies {

    private static final Set<String> RULE_FIELDS = Set.of("enabled", "type", "horizon_hours", "interval_minutes");

    private ForecastPolicies() {}

    static ForecastPolicy parse(String source, @Nullable JsonNode section) {
        if (section == null || section.isNull()) {
            return ForecastPolicy.off();
        }
        return new ForecastPolicy(ScopedRules.parse(
                section,
                "feature catalog " + source + ", forecasting",
                new Rule(true, null, null, null),
                RULE_FIELDS,
                ForecastPolicies::rule));
    }

    private static Rule rule(JsonNode node, String where, Set<String> fields) {
        ScopedRules.requireMapping(node, where, fields);
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
