package io.aihub.connectors.postgres.internal;

import static io.aihub.connectors.postgres.internal.Fields.finite;
import static io.aihub.connectors.postgres.internal.Fields.flag;
import static io.aihub.connectors.postgres.internal.Fields.id;
import static io.aihub.connectors.postgres.internal.Fields.list;
import static io.aihub.connectors.postgres.internal.Fields.optionalFinite;
import static io.aihub.connectors.postgres.internal.Fields.optionalMap;
import static io.aihub.connectors.postgres.internal.Fields.optionalStruct;
import static io.aihub.connectors.postgres.internal.Fields.optionalText;
import static io.aihub.connectors.postgres.internal.Fields.text;
import static io.aihub.connectors.postgres.internal.Fields.time;
import static io.aihub.connectors.postgres.internal.Fields.whole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * What a topic holds, and how one of its values becomes rows: the Avro record types of {@code schemas/src/main/avro},
 * read as Connect {@link Struct}s.
 */
public enum TableKind {
    /** {@code TelemetryReading} to {@code timeseries_data}. */
    TELEMETRY {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            var tenant = id(v, "tenant_id");
            var asset = id(v, "asset_id");
            var metric = id(v, "metric");
            var t = time(v, "timestamp");
            return List.of(row(
                    Table.TIMESERIES_DATA,
                    tenant,
                    asset,
                    metric,
                    t,
                    finite(v, "value"),
                    (int) whole(v, "quality"),
                    optionalText(v, "unit")));
        }
    },
    /** {@code FeatureVector} to {@code ai_features} (the features map as {@code jsonb}). */
    FEATURES {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            Map<?, ?> features = optionalMap(v, "features");
            if (features == null) {
                throw new BadRecordException("field features of FeatureVector must be a map");
            }
            return List.of(row(
                    Table.AI_FEATURES,
                    id(v, "tenant_id"),
                    id(v, "asset_id"),
                    id(v, "metric"),
                    time(v, "timestamp"),
                    finite(v, "value"),
                    Json.numberMap("features", features),
                    (int) whole(v, "catalog_version")));
        }
    },
    /** {@code WindowAggregate} to {@code hourly_aggregates} or {@code daily_aggregates}, by its {@code window}. */
    AGGREGATES {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            String window = text(v, "window");
            Table table = switch (window) {
                case "HOUR" -> Table.HOURLY_AGGREGATES;
                case "DAY" -> Table.DAILY_AGGREGATES;
                default -> throw new BadRecordException("window " + window + " is neither HOUR nor DAY");
            };
            long count = whole(v, "count");
            if (count < 1) {
                throw new BadRecordException("count " + count + " of a closed window must be at least 1");
            }
            return List.of(row(
                    table,
                    id(v, "tenant_id"),
                    id(v, "asset_id"),
                    id(v, "metric"),
                    time(v, "window_start"),
                    time(v, "window_end"),
                    finite(v, "avg"),
                    finite(v, "min"),
                    finite(v, "max"),
                    optionalFinite(v, "stddev"),
                    count));
        }
    },
    /** {@code WeatherObservation} to {@code weather_features}. */
    WEATHER {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            return List.of(row(
                    Table.WEATHER_FEATURES,
                    id(v, "tenant_id"),
                    id(v, "asset_id"),
                    time(v, "timestamp"),
                    optionalText(v, "site_id"),
                    optionalFinite(v, "temperature"),
                    optionalFinite(v, "humidity"),
                    optionalFinite(v, "solar_irradiance"),
                    optionalFinite(v, "wind_speed"),
                    optionalFinite(v, "cloud_cover"),
                    optionalFinite(v, "precipitation")));
        }
    },
    /** {@code AnomalyEvent} to {@code anomalies} (the expected range flattened into four columns). */
    ANOMALIES {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            Struct range = optionalStruct(v, "expected_range");
            return List.of(row(
                    Table.ANOMALIES,
                    id(v, "tenant_id"),
                    id(v, "asset_id"),
                    id(v, "metric"),
                    time(v, "timestamp"),
                    text(v, "method"),
                    finite(v, "value"),
                    finite(v, "anomaly_score"),
                    flag(v, "is_anomaly"),
                    text(v, "severity"),
                    range == null ? null : finite(range, "min"),
                    range == null ? null : finite(range, "max"),
                    range == null ? null : finite(range, "mean"),
                    range == null ? null : finite(range, "std"),
                    text(v, "explanation"),
                    optionalText(v, "model_id"),
                    finite(v, "sensitivity")));
        }
    },
    /** {@code ForecastEvent} to {@code forecasts}: one row per forecast point. */
    FORECASTS {
        @Override
        List<Row> rows(Struct v) throws BadRecordException {
            String forecastId = text(v, "forecast_id");
            var tenant = id(v, "tenant_id");
            var asset = id(v, "asset_id");
            var metric = id(v, "metric");
            var issuedAt = time(v, "issued_at");
            String featuresUsed = Json.stringArray("features_used", list(v, "features_used"));
            Map<?, ?> metrics = optionalMap(v, "training_metrics");
            String trainingMetrics = metrics == null ? null : Json.numberMap("training_metrics", metrics);
            var rows = new ArrayList<Row>();
            for (Object element : list(v, "points")) {
                if (!(element instanceof Struct point)) {
                    throw new BadRecordException("points of ForecastEvent must be records");
                }
                rows.add(row(
                        Table.FORECASTS,
                        forecastId,
                        time(point, "timestamp"),
                        tenant,
                        asset,
                        metric,
                        issuedAt,
                        text(v, "model_name"),
                        text(v, "model_version"),
                        text(v, "forecast_type"),
                        (int) whole(v, "horizon_hours"),
                        (int) whole(v, "interval_minutes"),
                        finite(point, "point_forecast"),
                        finite(point, "p10"),
                        finite(point, "p50"),
                        finite(point, "p90"),
                        finite(point, "confidence"),
                        finite(point, "prediction_interval_lower"),
                        finite(point, "prediction_interval_upper"),
                        featuresUsed,
                        trainingMetrics));
            }
            return rows;
        }
    };

    /**
     * The rows a record value becomes.
     *
     * @throws BadRecordException when the value can never be written (not a struct of the expected type, a missing
     *     field, an invalid id, a non-finite number)
     */
    public List<Row> toRows(@Nullable Object value) throws BadRecordException {
        if (!(value instanceof Struct struct)) {
            throw new BadRecordException(
                    "value must be a " + name().toLowerCase(java.util.Locale.ROOT) + " record (a Connect Struct), was "
                            + (value == null ? "null" : value.getClass().getName()));
        }
        try {
            return rows(struct);
        } catch (org.apache.kafka.connect.errors.DataException e) {
            throw new BadRecordException("value is not a valid " + name() + " record: " + e.getMessage(), e);
        }
    }

    abstract List<Row> rows(Struct value) throws BadRecordException;

    private static Row row(Table table, @Nullable Object... params) {
        List<@Nullable Object> all = Arrays.asList(params);
        List<Object> key = new ArrayList<>(table.keySize());
        for (int i = 0; i < table.keySize(); i++) {
            key.add(java.util.Objects.requireNonNull(all.get(i), "key column"));
        }
        if (table.columns().size() != params.length) {
            throw new IllegalStateException(
                    table + " has " + table.columns().size() + " columns, not " + params.length);
        }
        return new Row(table, List.copyOf(key), all);
    }
}
