package io.aihub.topology.catalog;

import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastType;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which series get a forecast in-stream each hour, of what type, how far ahead and how finely: the catalog's {@code
 * forecasting} section. The most specific rule wins field by field: the asset's, else the tenant's, else the default.
 *
 * <pre>
 * forecasting:
 *   default: {enabled: true, type: load, horizon_hours: 24, interval_minutes: 60}
 *   tenants:
 *     acme:
 *       type: generation
 *       assets:
 *         pv-7: {horizon_hours: 48, interval_minutes: 15}
 *         meter-8: {enabled: false}     # never forecast in-stream
 * </pre>
 *
 * Without a {@code forecasting} section nothing is forecast in-stream ({@link #off()}); a section's default rule
 * without {@code enabled} is enabled, and unset fields default to load, 24 h, 60 minutes.
 */
public final class ForecastPolicy {

    /** The horizon of a rule that sets none, hours. */
    public static final int DEFAULT_HORIZON_HOURS = 24;
    /** The interval of a rule that sets none, minutes. */
    public static final int DEFAULT_INTERVAL_MINUTES = 60;

    private final ScopedRules<Rule> rules;

    ForecastPolicy(ScopedRules<Rule> rules) {
        this.rules = rules;
    }

    /** One rule; a null field is inherited from the next less specific rule. */
    public record Rule(
            @Nullable Boolean enabled,
            @Nullable ForecastType type,
            @Nullable Integer horizonHours,
            @Nullable Integer intervalMinutes) {

        public Rule {
            // the request's own checks (1-168 h, 15-1440 min), naming the field
            new ForecastRequest(
                    ForecastType.LOAD,
                    Instant.EPOCH,
                    horizonHours == null ? DEFAULT_HORIZON_HOURS : horizonHours,
                    intervalMinutes == null ? DEFAULT_INTERVAL_MINUTES : intervalMinutes);
        }

        Rule over(Rule general) {
            return new Rule(
                    enabled != null ? enabled : general.enabled(),
                    type != null ? type : general.type(),
                    horizonHours != null ? horizonHours : general.horizonHours(),
                    intervalMinutes != null ? intervalMinutes : general.intervalMinutes());
        }
    }

    /** What applies to one asset. */
    public record Resolved(boolean enabled, ForecastType type, int horizonHours, int intervalMinutes) {}

    /** No forecasts in-stream (a catalog without a {@code forecasting} section). */
    public static ForecastPolicy off() {
        return only(new Rule(false, null, null, null));
    }

    /** One rule for every tenant and asset. */
    public static ForecastPolicy only(Rule rule) {
        return new ForecastPolicy(new ScopedRules<>(rule, Map.of(), Map.of()));
    }

    /** The rule that applies to {@code assetId} of {@code tenantId}. */
    public Resolved resolve(String tenantId, String assetId) {
        Rule rule = rules.resolve(tenantId, assetId, Rule::over);
        return new Resolved(
                rule.enabled() == null || rule.enabled(),
                rule.type() == null ? ForecastType.LOAD : rule.type(),
                rule.horizonHours() == null ? DEFAULT_HORIZON_HOURS : rule.horizonHours(),
                rule.intervalMinutes() == null ? DEFAULT_INTERVAL_MINUTES : rule.intervalMinutes());
    }
}
