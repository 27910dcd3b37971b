package io.aihub.topology.features.internal;

import io.aihub.schemas.DeadLetterReason;
import io.aihub.schemas.TelemetryReading;
import io.aihub.schemas.WeatherObservation;
import io.aihub.topology.features.SeriesKey;
import org.jspecify.annotations.Nullable;

/** Why a record is dead-lettered. The static checks return null when the record is acceptable. */
public record Rejection(DeadLetterReason code, String reason) {

    public static @Nullable Rejection ofReading(@Nullable String key, TelemetryReading r) {
        Rejection ids =
                ofIds(key, r.getTenantId(), r.getAssetId(), r.getTimestamp().toEpochMilli());
        if (ids != null) {
            return ids;
        }
        if (!SeriesKey.isValidId(r.getMetric())) {
            return invalidId("metric", r.getMetric());
        }
        double v = r.getValue();
        if (!Double.isFinite(v)) {
            return new Rejection(DeadLetterReason.NON_FINITE_VALUE, "value must be finite, was " + v);
        }
        return null;
    }

    public static @Nullable Rejection ofWeather(@Nullable String key, WeatherObservation w) {
        Rejection ids =
                ofIds(key, w.getTenantId(), w.getAssetId(), w.getTimestamp().toEpochMilli());
        if (ids != null) {
            return ids;
        }
        double[] fields = WeatherCodec.fields(w);
        for (int i = 0; i < fields.length; i++) {
            if (Double.isInfinite(fields[i]) || nonNullNaN(w, i)) {
                return new Rejection(
                        DeadLetterReason.NON_FINITE_VALUE,
                        WEATHER_FIELDS[i] + " must be finite or null, was " + fields[i]);
            }
        }
        return null;
    }

    public static Rejection late(long timestamp, long watermark, long graceMs, String what) {
        return new Rejection(
                DeadLetterReason.LATE,
                "timestamp " + timestamp + " is more than the grace of " + graceMs + " ms behind the watermark "
                        + watermark + " of its " + what);
    }

    private static final String[] WEATHER_FIELDS = {
        "temperature", "humidity", "solar_irradiance", "wind_speed", "cloud_cover", "precipitation"
    };

    private static boolean nonNullNaN(WeatherObservation w, int i) {
        Double d = switch (i) {
            case 0 -> w.getTemperature();
            case 1 -> w.getHumidity();
            case 2 -> w.getSolarIrradiance();
            case 3 -> w.getWindSpeed();
            case 4 -> w.getCloudCover();
            default -> w.getPrecipitation();
        };
        return d != null && d.isNaN();
    }

    /** Checks the key is tenant_id:asset_id of the value, both ids are valid and the timestamp is not negative. */
    public static @Nullable Rejection ofIds(@Nullable String key, String tenant, String asset, long timestamp) {
        if (!isPartitionKey(key, tenant, asset)) {
            return new Rejection(
                    DeadLetterReason.INVALID_KEY,
                    "key '" + key + "' is not tenant_id:asset_id '" + SeriesKey.partitionKey(tenant, asset) + "'");
        }
        if (!SeriesKey.isValidId(tenant)) {
            return invalidId("tenant_id", tenant);
        }
        if (!SeriesKey.isValidId(asset)) {
            return invalidId("asset_id", asset);
        }
        if (timestamp < 0) {
            return new Rejection(DeadLetterReason.INVALID_VALUE, "timestamp must be >= 0, was " + timestamp);
        }
        return null;
    }

    /** Whether {@code key} is {@code tenant:asset}, without building that string (checked for every record). */
    static boolean isPartitionKey(@Nullable String key, String tenant, String asset) {
        int colon = tenant.length();
        return key != null
                && key.length() == colon + 1 + asset.length()
                && key.charAt(colon) == ':'
                && key.startsWith(tenant)
                && key.endsWith(asset);
    }

    public static Rejection invalidId(String field, String value) {
        return new Rejection(
                DeadLetterReason.INVALID_VALUE,
                field + " '" + value + "' does not match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
