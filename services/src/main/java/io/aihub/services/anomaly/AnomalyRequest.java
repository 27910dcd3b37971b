package io.aihub.services.anomaly;

import io.aihub.services.api.PostedPoint;
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
        @Nullable List<@Nullable PostedPoint> timeSeries,
        @Nullable String method,
        @Nullable Double sensitivity,
        @Nullable Integer lookbackHours,
        @Nullable List<@Nullable PostedPoint> trainingData) {}
