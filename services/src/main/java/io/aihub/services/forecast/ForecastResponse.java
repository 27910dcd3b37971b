package io.aihub.services.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /ai/forecast} in the documented shape: {@code quantiles} only when the request asked for them;
 * the metadata's training fields are null for forecasters that need no training.
 */
record ForecastResponse(
        String forecastId, String tenantId, String assetId, List<Forecast> forecasts, Metadata metadata) {

    record Forecast(
            Instant timestamp,
            double pointForecast,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Quantiles quantiles,

            double confidence,
            double predictionIntervalLower,
            double predictionIntervalUpper) {}

    record Quantiles(double p10, double p50, double p90) {}

    /**
     * {@code training_samples}: a trained model's training values (its metrics' {@code training_samples}), or for
     * built-in forecasters the history values read; {@code training_date} is not recorded in forecasts (null).
     */
    record Metadata(
            Instant generatedAt,
            String modelName,
            String modelVersion,
            List<String> featuresUsed,
            @Nullable Integer trainingSamples,
            @Nullable Instant trainingDate,
            @Nullable Double mae,
            @Nullable Double rmse,
            @Nullable Double mape) {}

    /** The first {@code steps} points of {@code event}, answered at {@code generatedAt}. */
    static ForecastResponse of(
            ForecastEvent event, int steps, boolean includeQuantiles, Instant generatedAt, @Nullable Integer samples) {
        List<Forecast> forecasts = event.getPoints().stream()
                .limit(steps)
                .map(p -> point(p, includeQuantiles))
                .toList();
        Map<String, Double> metrics = event.getTrainingMetrics() == null ? Map.of() : event.getTrainingMetrics();
        return new ForecastResponse(
                event.getForecastId(),
                event.getTenantId(),
                event.getAssetId(),
                forecasts,
                new Metadata(
                        generatedAt,
                        event.getModelName(),
                        event.getModelVersion(),
                        event.getFeaturesUsed(),
                        metrics.containsKey("training_samples")
                                ? Integer.valueOf(
                                        metrics.get("training_samples").intValue())
                                : samples,
                        null,
                        metrics.get("mae"),
                        metrics.get("rmse"),
                        metrics.get("mape")));
    }

    private static Forecast point(ForecastEventPoint p, boolean includeQuantiles) {
        return new Forecast(
                p.getTimestamp(),
                p.getPointForecast(),
                includeQuantiles ? new Quantiles(p.getP10(), p.getP50(), p.getP90()) : null,
                p.getConfidence(),
                p.getPredictionIntervalLower(),
                p.getPredictionIntervalUpper());
    }
}
