package io.aihub.services.anomaly;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /ai/anomaly}, as documented: {@code tenant_id}, {@code asset_id}, {@code time_series} (at least
 * 2 points) required; {@code method}, {@code sensitivity}, {@code lookback_hours}, {@code training_data} optional.
 * Everything is nullable here so that validation can name every missing field at once.
 */
record AnomalyRequest(
        @Nullable String tenantId,
        @Nullable String assetId,
        @Nullable List<@Nullable PointIn> timeSeries,
        @Nullable String method,
        @Nullable Double sensitivity,
        @Nullable Integer lookbackHours,
        @Nullable List<@Nullable PointIn> trainingData) {

    /** One posted point: {@code timestamp} ISO-8601 with a zone or epoch milliseconds, {@code value} finite. */
    record PointIn(@Nullable Object timestamp, @Nullable Double value) {}
}
