package io.aihub.connectors.postgres;

import io.aihub.schemas.AggregateWindow;
import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ExpectedRange;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ForecastEvent;
import io.aihub.schemas.ForecastEventPoint;
import io.aihub.schemas.ForecastKind;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.schemas.WindowAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values of the AI Hub topics, built with the generated Avro classes, for the sink's tests. */
final class SampleRecords {

    private SampleRecords() {}

    static TelemetryReading reading(String asset, Instant t, double value) {
        return TelemetryReading.newBuilder()
                .setTenantId("tenant-1")
                .setAssetId(asset)
                .setMetric("power_kw")
                .setTimestamp(t)
                .setValue(value)
                .setQuality(1)
                .setUnit("kW")
                .build();
    }

    static FeatureVector vector(String asset, String metric, Instant t, double value) {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("hour_of_day", (double) t.atZone(java.time.ZoneOffset.UTC).getHour());
        features.put("lag_1h", null);
        features.put("rolling_avg_24h", value);
        return FeatureVector.newBuilder()
                .setTenantId("tenant-1")
                .setAssetId(asset)
                .setMetric(metric)
                .setTimestamp(t)
                .setValue(value)
                .setFeatures(features)
                .setCatalogVersion(3)
                .build();
    }

    static WindowAggregate window(AggregateWindow window, Instant start, Duration length) {
        return WindowAggregate.newBuilder()
                .setTenantId("tenant-1")
                .setAssetId("meter-1")
                .setMetric("power_kw")
                .setWindow(window)
                .setWindowStart(start)
                .setWindowEnd(start.plus(length))
                .setAvg(2.5)
                .setMin(1.0)
                .setMax(4.0)
                .setStddev(window == AggregateWindow.HOUR ? null : 1.25)
                .setCount(4)
                .build();
    }

    static WeatherObservation weather(Instant t) {
        return WeatherObservation.newBuilder()
                .setTenantId("tenant-1")
                .setAssetId("meter-1")
                .setSiteId("site-9")
                .setTimestamp(t)
                .setTemperature(21.5)
                .setHumidity(null)
                .setSolarIrradiance(640.0)
                .setWindSpeed(3.25)
                .setCloudCover(12.0)
                .setPrecipitation(0.0)
                .build();
    }

    static AnomalyEvent anomaly(Instant t) {
        return AnomalyEvent.newBuilder()
                .setTenantId("tenant-1")
                .setAssetId("meter-1")
                .setMetric("power_kw")
                .setTimestamp(t)
                .setValue(97.5)
                .setAnomalyScore(4.75)
                .setIsAnomaly(true)
                .setExpectedRange(new ExpectedRange(10.0, 50.0, 30.0, 6.5))
                .setSeverity(AnomalySeverity.critical)
                .setExplanation("4.75 robust deviations above the median")
                .setMethod("z_score")
                .setModelId(null)
                .setSensitivity(3.0)
                .build();
    }

    static ForecastEvent forecast(Instant issuedAt) {
        var points = List.of(
                new ForecastEventPoint(issuedAt.plus(Duration.ofHours(1)), 10.0, 8.0, 10.0, 12.5, 0.8, 8.0, 12.5),
                new ForecastEventPoint(issuedAt.plus(Duration.ofHours(2)), 11.0, 9.0, 11.0, 13.5, 0.8, 9.0, 13.5));
        return ForecastEvent.newBuilder()
                .setForecastId("fc-" + issuedAt.toEpochMilli())
                .setTenantId("tenant-1")
                .setAssetId("meter-1")
                .setMetric("power_kw")
                .setIssuedAt(issuedAt)
                .setModelName("seasonal_baseline")
                .setModelVersion("v1")
                .setForecastType(ForecastKind.load)
                .setHorizonHours(2)
                .setIntervalMinutes(60)
                .setPoints(points)
                .setFeaturesUsed(List.of("lag_24h", "hour_of_day"))
                .setTrainingMetrics(Map.of("mae", 1.5))
                .build();
    }
}
