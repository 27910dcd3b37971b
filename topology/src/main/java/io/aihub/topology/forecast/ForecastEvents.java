package io.aihub.topology.forecast;

import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.schemas.ForecastKind;
import io.aihub.topology.features.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds {@link ForecastEvent}s from a forecaster's points: the one shape of a forecast, in-stream and on request. */
public final class ForecastEvents {

    /** The nominal coverage of the p10-p90 interval, reported as each point's confidence. */
    public static final double CONFIDENCE = 0.8;
    /** The version reported for the built-in forecasters, which have no registry version. */
    public static final String BUILTIN_VERSION = "builtin";
    /** What the seasonal baseline reads (its {@code features_used}). */
    public static final List<String> BASELINE_FEATURES = List.of("hour_of_week", "level_24h", "errors_28d");

    private ForecastEvents() {}

    /**
     * The forecast of a series.
     *
     * @param metrics the training metrics of the model, null for forecasters that need no training
     */
    public static ForecastEvent of(
            SeriesKey series,
            ForecastRequest request,
            String modelName,
            String modelVersion,
            List<ForecastPoint> points,
            List<String> featuresUsed,
            @Nullable Map<String, Double> metrics) {
        var out = new ArrayList<ForecastEventPoint>(points.size());
        for (ForecastPoint p : points) {
            out.add(new ForecastEventPoint(
                    p.targetTime(), p.p50(), p.p10(), p.p50(), p.p90(), CONFIDENCE, p.p10(), p.p90()));
        }
        return ForecastEvent.newBuilder()
                .setForecastId(id(series, request))
                .setTenantId(series.tenantId())
                .setAssetId(series.assetId())
                .setMetric(series.metric())
                .setIssuedAt(request.issuedAt())
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setForecastType(ForecastKind.valueOf(request.type().id()))
                .setHorizonHours(request.horizonHours())
                .setIntervalMinutes(request.intervalMinutes())
                .setPoints(out)
                .setFeaturesUsed(List.copyOf(featuresUsed))
                .setTrainingMetrics(metrics == null ? null : Map.copyOf(metrics))
                .build();
    }

    /** {@code fc-} + a name-based UUID of the series and the request, so recomputing an hour gives the same id. */
    public static String id(SeriesKey series, ForecastRequest request) {
        String name = series.tenantId()
                + '\n'
                + series.assetId()
                + '\n'
                + series.metric()
                + '\n'
                + request.issuedAt().toEpochMilli()
                + '\n'
                + request.type().id()
                + '\n'
                + request.horizonHours()
                + '\n'
                + request.intervalMinutes();
        return "fc-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
