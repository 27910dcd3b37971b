package io.aihub.services.forecast;

import io.aihub.services.api.Ids;
import io.aihub.services.api.PostedPoints;
import io.aihub.services.api.Violations;
import io.aihub.topology.anomaly.detect.Point;
import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.ForecastValidationException;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import io.aihub.topology.forecast.SeasonalBaselineForecaster;
import io.aihub.topology.forecast.SeasonalNaiveForecaster;
import io.aihub.topology.registry.ModelId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A validated {@code POST /ai/forecast} request.
 *
 * @param history the posted {@code historical_data}, or null to answer from the stream's state
 * @param builtIn the built-in forecaster {@code model_name} names, or null
 * @param registeredModel a registered model {@code model_name} names (its latest version: production, else staging),
 *     or null; with neither, the series' production forecast model as the stream uses it, else the seasonal baseline
 * @param metric the series of the asset to answer for from the stream's state; null: the asset's latest forecast
 */
record ForecastQuery(
        String tenantId,
        String assetId,
        ForecastType type,
        int horizonHours,
        int intervalMinutes,
        boolean includeQuantiles,
        @Nullable History history,
        @Nullable Forecaster builtIn,
        @Nullable String registeredModel,
        @Nullable String metric) {

    static final int DEFAULT_HORIZON_HOURS = 24;
    static final int DEFAULT_INTERVAL_MINUTES = 60;
    /** At most this many points in {@code historical_data}: a request's cost is bounded. */
    static final int MAX_POINTS = 50_000;

    /** The built-in forecasters {@code model_name} may name: those that need no training. */
    static final Map<String, Forecaster> BUILT_IN = Map.of(
            SeasonalBaselineForecaster.NAME, new SeasonalBaselineForecaster(),
            SeasonalNaiveForecaster.NAME, new SeasonalNaiveForecaster());

    /**
     * Validates every field and names each one at fault.
     *
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static ForecastQuery validate(ForecastBody body) {
        Violations violations = new Violations();
        Ids.check(body.tenantId(), "tenant_id", violations);
        Ids.check(body.assetId(), "asset_id", violations);
        if (body.metric() != null) {
            Ids.check(body.metric(), "metric", violations);
        }
        ForecastType type = null;
        if (body.forecastType() == null) {
            violations.add("forecast_type", "is required (load, generation or price)");
        } else {
            type = checked(() -> ForecastType.of(body.forecastType()), violations);
        }
        int horizon = body.horizonHours() == null ? DEFAULT_HORIZON_HOURS : body.horizonHours();
        int interval = body.intervalMinutes() == null ? DEFAULT_INTERVAL_MINUTES : body.intervalMinutes();
        checked(() -> new ForecastRequest(ForecastType.LOAD, Instant.EPOCH, horizon, interval), violations);
        Forecaster builtIn = body.modelName() == null ? null : BUILT_IN.get(body.modelName());
        String registered = body.modelName() != null && builtIn == null ? body.modelName() : null;
        if (registered != null && !ModelId.isValidName(registered)) {
            violations.add(
                    "model_name",
                    "'" + registered + "' is neither a built-in forecaster "
                            + BUILT_IN.keySet().stream().sorted().toList() + " nor a valid registered model name");
        }
        History history = null;
        if (body.historicalData() != null) {
            List<Point> points =
                    PostedPoints.parse(body.historicalData(), "historical_data", 2, MAX_POINTS, violations);
            history = checked(() -> history(points), violations);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid forecast request");
        return new ForecastQuery(
                Objects.requireNonNull(body.tenantId()),
                Objects.requireNonNull(body.assetId()),
                Objects.requireNonNull(type),
                horizon,
                interval,
                body.includeQuantiles() == null || body.includeQuantiles(),
                history,
                builtIn,
                registered,
                body.metric());
    }

    private static History history(List<Point> points) {
        long[] times = new long[points.size()];
        double[] values = new double[points.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = points.get(i).epochMillis();
            values[i] = points.get(i).value();
        }
        return History.of(times, values);
    }

    /** The request this query asks for, issued at {@code issuedAt}. */
    ForecastRequest request(Instant issuedAt) {
        return new ForecastRequest(type, issuedAt, horizonHours, intervalMinutes);
    }

    private interface Check<T> {
        T get();
    }

    private static <T> @Nullable T checked(Check<T> check, Violations violations) {
        try {
            return check.get();
        } catch (ForecastValidationException e) {
            violations.add(e.field(), e.getMessage().substring(e.field().length() + 2));
            return null;
        }
    }
}
