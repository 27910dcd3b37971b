package io.aihub.topology.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The shape the catalog's policy sections share: a default rule, a rule per tenant and a rule per asset of a tenant;
 * the most specific rule wins, each unset field inherited from the next less specific one.
 *
 * <pre>
 * section:
 *   default: {...}
 *   tenants:
 *     acme:
 *       ...                 # the tenant's rule
 *       assets:
 *         meter-7: {...}
 * </pre>
 *
 * @param fallback the default rule
 * @param tenants the tenants' rules
 * @param assets the assets' rules, by tenant
 */
record ScopedRules<R>(R fallback, Map<String, R> tenants, Map<String, Map<String, R>> assets) {

    private static final Set<String> SECTION_FIELDS = Set.of("default", "tenants");

    /** Reads one rule, refusing fields outside {@code fields}. */
    interface RuleReader<R> {
        R read(JsonNode node, String where, Set<String> fields);
    }

    ScopedRules {
        tenants = Map.copyOf(tenants);
        assets = Map.copyOf(assets);
    }

    /** The rule of {@code assetId} of {@code tenantId}: {@code over(specific, general)} merges two rules. */
    R resolve(String tenantId, String assetId, BinaryOperator<R> over) {
        return mostSpecific(
                fallback,
                tenants.get(tenantId),
                assets.getOrDefault(tenantId, Map.of()).get(assetId),
                over);
    }

    static <R> R mostSpecific(R fallback, @Nullable R tenant, @Nullable R asset, BinaryOperator<R> over) {
        R rule = fallback;
        if (tenant != null) {
            rule = over.apply(tenant, rule);
        }
        if (asset != null) {
            rule = over.apply(asset, rule);
        }
        return rule;
    }

    /**
     * Reads a section; {@code absentDefault} stands for a missing {@code default}.
     *
     * @param ruleFields the fields of a rule; a tenant's rule may also have {@code assets}
     */
    static <R> ScopedRules<R> parse(
            JsonNode section, String where, R absentDefault, Set<String> ruleFields, RuleReader<R> reader) {
        requireMapping(section, where, SECTION_FIELDS);
        JsonNode defaults = section.get("default");
        R fallback = defaults == null ? absentDefault : reader.read(defaults, where + ".default", ruleFields);
        var tenantFields = new HashSet<>(ruleFields);
        tenantFields.add("assets");
        var tenants = new HashMap<String, R>();
        var assets = new HashMap<String, Map<String, R>>();
        for (var tenant : mapping(section, "tenants", where)) {
            String tenantWhere = where + ".tenants." + tenant.getKey();
            tenants.put(tenant.getKey(), reader.read(tenant.getValue(), tenantWhere, tenantFields));
            var tenantAssets = new HashMap<String, R>();
            for (var asset : mapping(tenant.getValue(), "assets", tenantWhere)) {
                tenantAssets.put(
                        asset.getKey(),
                        reader.read(asset.getValue(), tenantWhere + ".assets." + asset.getKey(), ruleFields));
            }
            assets.put(tenant.getKey(), tenantAssets);
        }
        return new ScopedRules<>(fallback, tenants, assets);
    }

    private static Set<Map.Entry<String, JsonNode>> mapping(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return Set.of();
        }
        requireMapping(node, where + "." + field, null);
        return node.properties();
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
