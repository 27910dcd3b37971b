package io.aihub.services.anomaly;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.services.stream.FeedSpec;
import io.aihub.topology.Topics;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of an {@code anomaly} server-sent event: an {@link AnomalyEvent} of the anomalies topic with the
 * field names of the {@code POST /ai/anomaly} response ({@code anomaly_score}, {@code is_anomaly}, {@code
 * expected_range}, {@code severity}, {@code explanation}), plus the series and the scoring that produced it.
 */
public record StreamedAnomaly(
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

    /** {@code GET /ai/anomalies/stream?tenant_id=...[&asset_id=...]}: the anomalies topic, events named anomaly. */
    public static final FeedSpec<AnomalyEvent> FEED =
            new FeedSpec<>("anomaly", "/ai/anomalies/stream", Topics::anomalies, StreamedAnomaly::of);

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
