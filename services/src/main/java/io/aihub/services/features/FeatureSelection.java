package io.aihub.services.features;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Timestamps;
import io.aihub.services.api.Violations;
import io.aihub.topology.catalog.FeatureCatalog;
import io.aihub.topology.features.FeatureNames;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated feature request: which features, at which instant. Validation follows the documented ranges
 * ({@code lookback_hours} 1–8760) and names every field at fault.
 */
record FeatureSelection(List<String> names, Instant at) {

    static final String DEFAULT_METRIC = "value";
    private static final Set<String> KNOWN = Set.copyOf(FeatureNames.ALL);

    /** Validates the selection fields shared by single and batch requests, adding violations as found. */
    static @Nullable FeatureSelection validate(
            FeatureCatalog catalog,
            Clock clock,
            @Nullable String featureSet,
            @Nullable List<String> featureNames,
            @Nullable Object timestamp,
            @Nullable Integer lookbackHours,
            Violations violations) {
        List<String> names = FeatureNames.ALL;
        if (featureSet != null && featureNames != null) {
            violations.add("feature_names", "give either feature_set or feature_names, not both");
        } else if (featureSet != null) {
            var set = catalog.set(featureSet);
            if (set.isEmpty()) {
                violations.add(
                        "feature_set",
                        "unknown feature set '" + featureSet + "'; known: "
                                + catalog.sets().keySet());
            } else {
                names = set.get().features();
            }
        } else if (featureNames != null) {
            if (featureNames.isEmpty()) {
                violations.add("feature_names", "must name at least one feature");
            }
            Set<String> seen = new HashSet<>();
            boolean valid = !featureNames.isEmpty();
            for (int i = 0; i < featureNames.size(); i++) {
                String name = featureNames.get(i);
                if (name == null || !KNOWN.contains(name)) {
                    violations.add("feature_names[" + i + "]", "unknown feature '" + name + "'");
                    valid = false;
                } else if (!seen.add(name)) {
                    violations.add("feature_names[" + i + "]", "duplicate feature '" + name + "'");
                    valid = false;
                }
            }
            if (valid) {
                names = List.copyOf(featureNames);
            }
        }
        if (lookbackHours != null && (lookbackHours < 1 || lookbackHours > 8760)) {
            violations.add("lookback_hours", "must be between 1 and 8760, got " + lookbackHours);
        }
        Instant at = timestamp == null ? clock.instant() : Timestamps.parse(timestamp, "timestamp", violations);
        return at == null ? null : new FeatureSelection(names, at);
    }

    /** The request's metric, {@code value} when absent, checked like every id. */
    static String metric(@Nullable String requested, Violations violations) {
        String metric = requested == null ? DEFAULT_METRIC : requested;
        checkId(metric, "metric", violations);
        return metric;
    }

    /** Checks an id field against the id pattern shared by tenants, assets and metrics. */
    static void checkId(@Nullable String value, String field, Violations violations) {
        Ids.check(value, field, violations);
    }
}
