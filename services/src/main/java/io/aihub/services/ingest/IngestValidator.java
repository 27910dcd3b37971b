package io.aihub.services.ingest;

import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.services.api.Ids;
import io.aihub.services.api.Timestamps;
import io.aihub.services.api.Violations;
import io.aihub.topology.features.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Validates a whole posted array before anything is written: every violation is reported with its index and
 * field, and one bad element rejects the array.
 */
final class IngestValidator {

    private IngestValidator() {}

    static List<TelemetryReading> telemetry(@Nullable List<TelemetryIn> posted, int maxBatch) {
        Violations violations = new Violations();
        checkSize(posted, maxBatch, violations);
        List<TelemetryReading> readings = new ArrayList<>();
        for (int i = 0; posted != null && i < posted.size(); i++) {
            TelemetryIn in = posted.get(i);
            String at = "[" + i + "].";
            if (in == null) {
                violations.add("[" + i + "]", "must be a reading object");
                continue;
            }
            id(in.tenantId(), at + "tenant_id", violations);
            id(in.assetId(), at + "asset_id", violations);
            String metric = in.metric() == null ? "value" : in.metric();
            id(metric, at + "metric", violations);
            Instant timestamp = timestamp(in.timestamp(), at + "timestamp", violations);
            if (in.value() == null) {
                violations.add(at + "value", "is required");
            } else if (!Double.isFinite(in.value())) {
                violations.add(at + "value", "must be a finite number, got " + in.value());
            }
            if (violations.isEmpty() && timestamp != null) {
                readings.add(TelemetryReading.newBuilder()
                        .setTenantId(in.tenantId())
                        .setAssetId(in.assetId())
                        .setMetric(metric)
                        .setTimestamp(timestamp)
                        .setValue(in.value())
                        .setQuality(in.quality() == null ? 1 : in.quality())
                        .setUnit(in.unit())
                        .build());
            }
        }
        violations.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid telemetry");
        return readings;
    }

    static List<WeatherObservation> weather(@Nullable List<WeatherIn> posted, int maxBatch) {
        Violations violations = new Violations();
        checkSize(posted, maxBatch, violations);
        List<WeatherObservation> observations = new ArrayList<>();
        for (int i = 0; posted != null && i < posted.size(); i++) {
            WeatherIn in = posted.get(i);
            String at = "[" + i + "].";
            if (in == null) {
                violations.add("[" + i + "]", "must be a weather object");
                continue;
            }
            id(in.tenantId(), at + "tenant_id", violations);
            id(in.assetId(), at + "asset_id", violations);
            if (in.siteId() != null && !SeriesKey.isValidId(in.siteId())) {
                violations.add(at + "site_id", "must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
            }
            Instant timestamp = timestamp(in.timestamp(), at + "timestamp", violations);
            range(in.temperature(), -90, 70, at + "temperature", violations);
            range(in.humidity(), 0, 100, at + "humidity", violations);
            range(in.solarIrradiance(), 0, 2000, at + "solar_irradiance", violations);
            range(in.windSpeed(), 0, 120, at + "wind_speed", violations);
            range(in.cloudCover(), 0, 100, at + "cloud_cover", violations);
            range(in.precipitation(), 0, 2000, at + "precipitation", violations);
            if (violations.isEmpty() && timestamp != null) {
                observations.add(WeatherObservation.newBuilder()
                        .setTenantId(in.tenantId())
                        .setAssetId(in.assetId())
                        .setSiteId(in.siteId())
                        .setTimestamp(timestamp)
                        .setTemperature(in.temperature())
                        .setHumidity(in.humidity())
                        .setSolarIrradiance(in.solarIrradiance())
                        .setWindSpeed(in.windSpeed())
                        .setCloudCover(in.cloudCover())
                        .setPrecipitation(in.precipitation())
                        .build());
            }
        }
        violations.throwIfAny(HttpStatus.BAD_REQUEST, "Invalid weather");
        return observations;
    }

    static void checkSize(@Nullable List<?> posted, int maxBatch, Violations violations) {
        if (posted == null || posted.isEmpty()) {
            violations.add("$", "must be a non-empty JSON array");
        } else if (posted.size() > maxBatch) {
            violations.add(
                    "$", "at most " + maxBatch + " elements per call (AIHUB_INGEST_MAX_BATCH), got " + posted.size());
        }
    }

    static void id(@Nullable String value, String field, Violations violations) {
        Ids.check(value, field, violations);
    }

    static @Nullable Instant timestamp(@Nullable Object raw, String field, Violations violations) {
        if (raw == null) {
            violations.add(field, "is required");
            return null;
        }
        return Timestamps.parse(raw, field, violations);
    }

    static void range(@Nullable Double value, double min, double max, String field, Violations violations) {
        if (value != null && !(value >= min && value <= max)) {
            violations.add(field, "must be between " + min + " and " + max + ", got " + value);
        }
    }
}
