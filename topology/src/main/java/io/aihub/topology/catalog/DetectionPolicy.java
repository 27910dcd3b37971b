package io.aihub.topology.catalog;

import io.aihub.topology.anomaly.detect.DetectionMethod;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which detectors score a tenant's or an asset's readings in-stream, and at what sensitivity: the catalog's
 * {@code anomaly_detection} section. The most specific rule wins: the asset's, else the tenant's, else the default.
 *
 * <pre>
 * anomaly_detection:
 *   default: {methods: [seasonal_likelihood]}
 *   tenants:
 *     acme:
 *       methods: [z_score]
 *       sensitivity: 2.5
 *       assets:
 *         meter-7: {methods: [iqr, prophet_decomposition], sensitivity: 3.5}
 *         meter-8: {methods: []}          # not scored by any detector
 * </pre>
 *
 * A rule without {@code sensitivity} uses the next less specific rule's, and finally the service-wide setting
 * ({@code AIHUB_ANOMALY_SENSITIVITY}). A rule without {@code methods} uses the next less specific rule's.
 */
public record DetectionPolicy(Rule fallback, Map<String, TenantRules> tenants) {

    /** The methods of the default rule when the catalog has no {@code anomaly_detection} section. */
    public static final List<DetectionMethod> DEFAULT_METHODS = List.of(DetectionMethod.SEASONAL_LIKELIHOOD);

    /**
     * One rule.
     *
     * @param methods the detectors, in order; empty: none; null: inherited
     * @param sensitivity the threshold 1.0-5.0; null: inherited
     */
    public record Rule(
            @Nullable List<DetectionMethod> methods,
            @Nullable Double sensitivity) {

        public Rule {
            methods = methods == null ? null : List.copyOf(methods);
            if (sensitivity != null && !(sensitivity >= 1.0 && sensitivity <= 5.0)) {
                throw new IllegalArgumentException("sensitivity must be between 1.0 and 5.0, was " + sensitivity);
            }
        }

        Rule over(Rule general) {
            return new Rule(
                    methods != null ? methods : general.methods(),
                    sensitivity != null ? sensitivity : general.sensitivity());
        }
    }

    /** A tenant's rule and its assets' rules. */
    public record TenantRules(Rule rule, Map<String, Rule> assets) {

        public TenantRules {
            assets = Map.copyOf(assets);
        }
    }

    /** What applies to one asset: never null methods; a null sensitivity means the service-wide setting. */
    public record Resolved(
            List<DetectionMethod> methods, @Nullable Double sensitivity) {}

    public DetectionPolicy {
        if (fallback.methods() == null) {
            fallback = new Rule(DEFAULT_METHODS, fallback.sensitivity());
        }
        tenants = Map.copyOf(tenants);
    }

    /** The default policy: {@link #DEFAULT_METHODS} for everyone at the service-wide sensitivity. */
    public static DetectionPolicy defaults() {
        return new DetectionPolicy(new Rule(DEFAULT_METHODS, null), Map.of());
    }

    /** The rule that applies to {@code assetId} of {@code tenantId}. */
    public Resolved resolve(String tenantId, String assetId) {
        TenantRules tenant = tenants.get(tenantId);
        Rule rule = ScopedRules.mostSpecific(
                fallback,
                tenant == null ? null : tenant.rule(),
                tenant == null ? null : tenant.assets().get(assetId),
                Rule::over);
        return new Resolved(rule.methods() == null ? DEFAULT_METHODS : rule.methods(), rule.sensitivity());
    }
}
