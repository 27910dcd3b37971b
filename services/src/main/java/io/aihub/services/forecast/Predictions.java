package io.aihub.services.forecast;

import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code GET /ml/forecasts/predict/{device}} in the IoT ML service's documented shape: the forecast's
 * points as {@code predicted_value} (p50) with {@code confidence_lower}/{@code confidence_upper} (p10/p90).
 */
record Predictions(String deviceUuid, String field, List<Prediction> predictions) {

    record Prediction(Instant timestamp, double predictedValue, double confidenceLower, double confidenceUpper) {}

    static Predictions of(String device, String field, ForecastResponse forecast) {
        return new Predictions(
                device,
                field,
                forecast.forecasts().stream()
                        .map(f -> new Prediction(
                                f.timestamp(),
                                f.pointForecast(),
                                f.predictionIntervalLower(),
                                f.predictionIntervalUpper()))
                        .toList());
    }
}
