-- The offline store's tables, filled by io.aihub.connectors.postgres.PostgresSinkConnector from the Kafka topics.
-- Every table has the natural primary key of what it holds, so the sink's upserts are idempotent: a record delivered
-- twice (after a crash, a rebalance, a retry) writes the same row twice, never two rows.
-- Numbers are double precision (the exact doubles of the Avro values), times timestamptz (UTC millis).

-- telemetry topic: raw readings (retention 7 days)
CREATE TABLE timeseries_data (
    tenant_id   text             NOT NULL,
    asset_id    text             NOT NULL,
    metric      text             NOT NULL DEFAULT 'value',
    "timestamp" timestamptz      NOT NULL,
    value       double precision NOT NULL,
    quality     integer          NOT NULL DEFAULT 1,
    unit        text,
    PRIMARY KEY (tenant_id, asset_id, metric, "timestamp")
);

-- features topic: one logged feature vector per accepted reading, exactly as served online (retention 90 days)
CREATE TABLE ai_features (
    tenant_id       text             NOT NULL,
    asset_id        text             NOT NULL,
    metric          text             NOT NULL,
    "timestamp"     timestamptz      NOT NULL,
    value           double precision NOT NULL,
    features        jsonb            NOT NULL,
    catalog_version integer          NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, asset_id, metric, "timestamp")
);

-- features-hourly / features-daily topics: closed UTC windows (retention 1 year / 2 years)
CREATE TABLE hourly_aggregates (
    tenant_id    text             NOT NULL,
    asset_id     text             NOT NULL,
    metric       text             NOT NULL,
    window_start timestamptz      NOT NULL,
    window_end   timestamptz      NOT NULL,
    avg          double precision NOT NULL,
    min          double precision NOT NULL,
    max          double precision NOT NULL,
    stddev       double precision,
    count        bigint           NOT NULL,
    PRIMARY KEY (tenant_id, asset_id, metric, window_start)
);

CREATE TABLE daily_aggregates (LIKE hourly_aggregates INCLUDING ALL);

-- weather topic (retention 1 year)
CREATE TABLE weather_features (
    tenant_id        text        NOT NULL,
    asset_id         text        NOT NULL,
    "timestamp"      timestamptz NOT NULL,
    site_id          text,
    temperature      double precision,
    humidity         double precision,
    solar_irradiance double precision,
    wind_speed       double precision,
    cloud_cover      double precision,
    precipitation    double precision,
    PRIMARY KEY (tenant_id, asset_id, "timestamp")
);

-- anomalies topic (retention 90 days)
CREATE TABLE anomalies (
    tenant_id     text             NOT NULL,
    asset_id      text             NOT NULL,
    metric        text             NOT NULL,
    "timestamp"   timestamptz      NOT NULL,
    method        text             NOT NULL,
    value         double precision NOT NULL,
    anomaly_score double precision NOT NULL,
    is_anomaly    boolean          NOT NULL,
    severity      text             NOT NULL,
    expected_min  double precision,
    expected_max  double precision,
    expected_mean double precision,
    expected_std  double precision,
    explanation   text             NOT NULL,
    model_id      text,
    sensitivity   double precision NOT NULL,
    PRIMARY KEY (tenant_id, asset_id, metric, "timestamp", method)
);

-- forecasts topic: one row per forecast point (retention 90 days)
CREATE TABLE forecasts (
    forecast_id               text             NOT NULL,
    target_time               timestamptz      NOT NULL,
    tenant_id                 text             NOT NULL,
    asset_id                  text             NOT NULL,
    metric                    text             NOT NULL,
    issued_at                 timestamptz      NOT NULL,
    model_name                text             NOT NULL,
    model_version             text             NOT NULL,
    forecast_type             text             NOT NULL,
    horizon_hours             integer          NOT NULL,
    interval_minutes          integer          NOT NULL,
    point_forecast            double precision NOT NULL,
    p10                       double precision NOT NULL,
    p50                       double precision NOT NULL,
    p90                       double precision NOT NULL,
    confidence                double precision NOT NULL,
    prediction_interval_lower double precision NOT NULL,
    prediction_interval_upper double precision NOT NULL,
    features_used             jsonb            NOT NULL,
    training_metrics          jsonb,
    PRIMARY KEY (forecast_id, target_time)
);
CREATE INDEX forecasts_series_issued_idx ON forecasts (tenant_id, asset_id, metric, issued_at DESC);

-- batch exports (POST /ai/features/export), as documented; written by the export job, not by the sink
CREATE TABLE feature_exports (
    export_id       text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    feature_set     text        NOT NULL,
    start_time      timestamptz NOT NULL,
    end_time        timestamptz NOT NULL,
    asset_ids       text[],
    row_count       bigint,
    file_size_bytes bigint,
    storage_path    text,
    status          text        NOT NULL DEFAULT 'pending',
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz
);
CREATE INDEX feature_exports_tenant_created_idx ON feature_exports (tenant_id, created_at DESC);

-- time indexes for the retention deletes (the primary keys lead with the tenant)
CREATE INDEX timeseries_data_timestamp_idx ON timeseries_data ("timestamp");
CREATE INDEX ai_features_timestamp_idx ON ai_features ("timestamp");
CREATE INDEX hourly_aggregates_window_start_idx ON hourly_aggregates (window_start);
CREATE INDEX daily_aggregates_window_start_idx ON daily_aggregates (window_start);
CREATE INDEX weather_features_timestamp_idx ON weather_features ("timestamp");
CREATE INDEX anomalies_timestamp_idx ON anomalies ("timestamp");
CREATE INDEX forecasts_issued_at_idx ON forecasts (issued_at);
