package io.aihub.services.anomaly;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /ai/anomaly} in the documented shape. {@code anomalies} lists the points flagged as anomalies
 * (score at or above the sensitivity), in time order; the summary counts every judged point. The summary's last four
 * fields are additions that say what the scores were judged against.
 */
record AnomalyResponse(
        String detectionId,
        String tenantId,
        String assetId,
        List<Anomaly> anomalies,
        Summary summary,
        Instant generatedAt) {

    /** A flagged point. {@code expected_range} is null for the methods without one in the series' units. */
    record Anomaly(
            Instant timestamp,
            double value,
            double anomalyScore,
            boolean isAnomaly,
            @Nullable Range expectedRange,
            String severity,
            String explanation) {}

    /** Where a point would not have been an anomaly at the request's sensitivity. */
    record Range(double min, double max, double mean, double std) {}

    /**
     * @param totalPoints series points judged: those within {@code lookback_hours} of the latest one
     * @param anomalyRate {@code anomalies_detected / total_points}
     * @param meanAnomalyScore mean score of the judged points (warming-up points score 0)
     * @param warmingUpPoints judged points the method had too little history to score
     * @param historyPoints series points before the lookback window, learnt as history, not judged
     * @param trainingPoints {@code training_data} points learnt before anything else
     * @param windowStart the lookback window is {@code (window_start, latest timestamp]}
     */
    record Summary(
            int totalPoints,
            int anomaliesDetected,
            double anomalyRate,
            double meanAnomalyScore,
            double maxAnomalyScore,
            String methodUsed,
            double sensitivity,
            int warmingUpPoints,
            int historyPoints,
            int trainingPoints,
            Instant windowStart) {}
}
