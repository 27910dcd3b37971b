package io.aihub.services.anomaly;

import io.aihub.schemas.AnomalyEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of an {@code anomaly} server-sent event: an {@link AnomalyEvent} of the anomalies topic with the
 * field names of the {@code POST /ai/anomaly} response ({@code anomaly_score}, {@code is_anomaly}, {@code
 * expected_range}, {@code severity}, {@code explanation}), plus the series and the scoring that produced it.
 */
record StreamedAnomaly(
        String tenantId,
        String assetId,
        String metric,
        Instant timestamp,
        double value,
        double anomalyScore,
        boolean isAnomaly,
        AnomalyResponse.@Nullable Range expectedRange,
        String severity,
        String explanation,
        String method,
        @Nullable String modelId,
        double sensitivity) {

    static StreamedAnomaly of(AnomalyEvent event) {
        var range = event.getExpectedRange();
        return new StreamedAnomaly(
                event.getTenantId(),
                event.getAssetId(),
                event.getMetric(),
                event.getTimestamp(),
                event.getValue(),
                event.getAnomalyScore(),
                event.getIsAnomaly(),
                range == null
                        ? null
                        : new AnomalyResponse.Range(range.getMin(), range.getMax(), range.getMean(), range.getStd()),
                event.getSeverity().name(),
                event.getExplanation(),
                event.getMethod(),
                event.getModelId(),
                event.getSensitivity());
    }
}
