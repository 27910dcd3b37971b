package io.aihub.services.forecast;

import io.aihub.services.api.PostedPoint;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /ai/forecast}, as documented: {@code tenant_id}, {@code asset_id}, {@code forecast_type}
 * required; {@code horizon_hours}, {@code interval_minutes}, {@code include_quantiles}, {@code historical_data},
 * {@code model_name}, {@code features} optional, plus {@code metric} (an addition: which of the asset's series the
 * stream's state answers for). Everything is nullable here so that validation can name every missing field at once.
 */
record ForecastBody(
        @Nullable String tenantId,
        @Nullable String assetId,
        @Nullable String forecastType,
        @Nullable Integer horizonHours,
        @Nullable Integer intervalMinutes,
        @Nullable Boolean includeQuantiles,
        @Nullable List<@Nullable PostedPoint> historicalData,
        @Nullable String modelName,
        @Nullable Map<String, Object> features,
        @Nullable String metric) {}
