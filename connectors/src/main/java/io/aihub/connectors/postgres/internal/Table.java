package io.aihub.connectors.postgres.internal;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tables the sink writes, their columns (in parameter order) and natural primary keys. Every write is an
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE}: re-delivering a record rewrites its row with the same values, so a
 * replay after a crash doubles nothing, and a reading re-sent with a new value replaces the old one, as in the stream.
 */
public enum Table {
    TIMESERIES_DATA(
            "timeseries_data",
            List.of("tenant_id", "asset_id", "metric", "timestamp"),
            List.of("value", "quality", "unit")),
    AI_FEATURES(
            "ai_features",
            List.of("tenant_id", "asset_id", "metric", "timestamp"),
            List.of("value", "features:jsonb", "catalog_version")),
    HOURLY_AGGREGATES(
            "hourly_aggregates",
            List.of("tenant_id", "asset_id", "metric", "window_start"),
            List.of("window_end", "avg", "min", "max", "stddev", "count")),
    DAILY_AGGREGATES(
            "daily_aggregates",
            List.of("tenant_id", "asset_id", "metric", "window_start"),
            List.of("window_end", "avg", "min", "max", "stddev", "count")),
    WEATHER_FEATURES(
            "weather_features",
            List.of("tenant_id", "asset_id", "timestamp"),
            List.of(
                    "site_id",
                    "temperature",
                    "humidity",
                    "solar_irradiance",
                    "wind_speed",
                    "cloud_cover",
                    "precipitation")),
    ANOMALIES(
            "anomalies",
            List.of("tenant_id", "asset_id", "metric", "timestamp", "method"),
            List.of(
                    "value",
                    "anomaly_score",
                    "is_anomaly",
                    "severity",
                    "expected_min",
                    "expected_max",
                    "expected_mean",
                    "expected_std",
                    "explanation",
                    "model_id",
                    "sensitivity")),
    FORECASTS(
            "forecasts",
            List.of("forecast_id", "target_time"),
            List.of(
                    "tenant_id",
                    "asset_id",
                    "metric",
                    "issued_at",
                    "model_name",
                    "model_version",
                    "forecast_type",
                    "horizon_hours",
                    "interval_minutes",
                    "point_forecast",
                    "p10",
                    "p50",
                    "p90",
                    "confidence",
                    "prediction_interval_lower",
                    "prediction_interval_upper",
                    "features_used:jsonb",
                    "training_metrics:jsonb"));

    private final String tableName;
    private final List<String> keyColumns;
    private final List<String> valueColumns;
    private final List<String> columns;

    Table(String tableName, List<String> keyColumns, List<String> valueColumns) {
        this.tableName = tableName;
        this.keyColumns = keyColumns;
        this.valueColumns = valueColumns;
        this.columns = Stream.concat(keyColumns.stream(), valueColumns.stream())
                .map(Table::name)
                .toList();
    }

    public String tableName() {
        return tableName;
    }

    /** Key columns first, then value columns: the order of {@link Row#params()}. */
    public List<String> columns() {
        return columns;
    }

    public int keySize() {
        return keyColumns.size();
    }

    /** The batched upsert statement into {@code schema}. */
    public String upsertSql(String schema) {
        var all = Stream.concat(keyColumns.stream(), valueColumns.stream()).toList();
        String columns = all.stream().map(c -> quote(name(c))).collect(Collectors.joining(", "));
        String params = all.stream()
                .map(c -> c.contains(":") ? "?::" + c.substring(c.indexOf(':') + 1) : "?")
                .collect(Collectors.joining(", "));
        String key = keyColumns.stream().map(c -> quote(name(c))).collect(Collectors.joining(", "));
        String updates = valueColumns.stream()
                .map(c -> quote(name(c)) + " = EXCLUDED." + quote(name(c)))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(schema) + "." + quote(tableName) + " (" + columns + ") VALUES (" + params
                + ") ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
    }

    private static String name(String column) {
        int colon = column.indexOf(':');
        return colon < 0 ? column : column.substring(0, colon);
    }

    private static String quote(String identifier) {
        return "\"" + identifier + "\"";
    }
}
