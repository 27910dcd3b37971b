package io.aihub.services.forecast;

import io.aihub.schemas.ForecastEvent;
import io.aihub.services.stream.FeedSpec;
import io.aihub.topology.Topics;
import java.time.Instant;
import java.util.List;

/**
 * The {@code data} of a {@code forecast} server-sent event: a forecast of the forecasts topic with the field names of
 * the {@code POST /ai/forecast} response (quantiles included), plus the series, issue time and request it answers.
 */
public record StreamedForecast(
        String forecastId,
        String tenantId,
        String assetId,
        String metric,
        Instant issuedAt,
        String forecastType,
        int horizonHours,
        int intervalMinutes,
        List<ForecastResponse.Forecast> forecasts,
        ForecastResponse.Metadata metadata) {

    /** {@code GET /ai/forecasts/stream?tenant_id=...[&asset_id=...]}: the forecasts topic, events named forecast. */
    public static final FeedSpec<ForecastEvent> FEED =
            new FeedSpec<>("forecast", "/ai/forecasts/stream", Topics::forecasts, StreamedForecast::of);

    static StreamedForecast of(ForecastEvent event) {
        var response = ForecastResponse.of(event, event.getPoints().size(), true, event.getIssuedAt(), null);
        return new StreamedForecast(
                event.getForecastId(),
                event.getTenantId(),
                event.getAssetId(),
                event.getMetric(),
                event.getIssuedAt(),
                event.getForecastType().name(),
                event.getHorizonHours(),
                event.getIntervalMinutes(),
                response.forecasts(),
                response.metadata());
    }
}
