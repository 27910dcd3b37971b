-- Views and SQL functions of the documented feature store, over the tables of V1.
-- Functions carry SET search_path FROM CURRENT: they read the schema they were created in, whatever the caller's
-- search_path.

-- hourly_features / daily_features: the documented column names over the stream's closed windows (per metric).
-- Plain views: a window is written once, when the stream closes it, so there is nothing to refresh.
CREATE VIEW hourly_features AS
SELECT window_start AS bucket, tenant_id, asset_id, metric,
       avg AS hourly_avg, min AS hourly_min, max AS hourly_max, stddev AS hourly_stddev, count AS hourly_count
FROM hourly_aggregates;

CREATE VIEW daily_features AS
SELECT window_start AS bucket, tenant_id, asset_id, metric,
       avg AS daily_avg, min AS daily_min, max AS daily_max, stddev AS daily_stddev, count AS daily_count
FROM daily_aggregates;

-- the documented feature sets, read from the logged vectors: exactly the values served online (training = serving)
CREATE VIEW forecast_basic_features AS
SELECT "timestamp", tenant_id, asset_id, metric, value,
       (features ->> 'hour_of_day')::double precision AS hour_of_day,
       (features ->> 'day_of_week')::double precision AS day_of_week,
       (features ->> 'is_weekend')::double precision  AS is_weekend,
       (features ->> 'hourly_avg')::double precision  AS hourly_avg,
       (features ->> 'lag_1h')::double precision      AS lag_1h,
       (features ->> 'lag_24h')::double precision     AS lag_24h
FROM ai_features;

CREATE VIEW anomaly_detection_features AS
SELECT "timestamp", tenant_id, asset_id, metric, value,
       (features ->> 'hour_of_day')::double precision        AS hour_of_day,
       (features ->> 'day_of_week')::double precision        AS day_of_week,
       (features ->> 'historical_avg_24h')::double precision AS historical_avg_24h,
       (features ->> 'historical_std_24h')::double precision AS historical_std_24h,
       (features ->> 'max_24h')::double precision            AS max_24h,
       (features ->> 'min_24h')::double precision            AS min_24h,
       (features ->> 'range_24h')::double precision          AS range_24h
FROM ai_features;

-- lag_N as the stream defines it: the value of the series' reading with the greatest timestamp <= t - N h, provided
-- that timestamp is >= t - N h - 1 h; else null. One row per requested lag, in the order given. The readings are the
-- ones the stream accepted (ai_features.value: one row per accepted reading, the last re-delivery winning).
CREATE FUNCTION get_lag_features(
    p_tenant_id text, p_asset_id text, p_timestamp timestamptz, p_lags integer[], p_metric text DEFAULT 'value')
RETURNS TABLE (lag_hours integer, lag_value double precision, lag_timestamp timestamptz)
LANGUAGE sql STABLE
SET search_path FROM CURRENT
AS $$
SELECT l.hours, r.value, r."timestamp"
FROM unnest(p_lags) WITH ORDINALITY AS l (hours, ord)
LEFT JOIN LATERAL (
    SELECT f.value, f."timestamp"
    FROM ai_features f
    WHERE f.tenant_id = p_tenant_id AND f.asset_id = p_asset_id AND f.metric = p_metric
      AND f."timestamp" <= p_timestamp - make_interval(hours => l.hours)
      AND f."timestamp" >= p_timestamp - make_interval(hours => l.hours + 1)
    ORDER BY f."timestamp" DESC
    LIMIT 1) r ON true
ORDER BY l.ord
$$;

-- rolling_{avg,std,min,max} over (t - W h, t], the reading at t included; std is the sample standard deviation
-- (n - 1), null when n < 2, as the stream's; all null and count 0 when the window is empty.
CREATE FUNCTION get_rolling_features(
    p_tenant_id text, p_asset_id text, p_timestamp timestamptz, p_window_hours integer, p_metric text DEFAULT 'value')
RETURNS TABLE (rolling_avg double precision, rolling_stddev double precision, rolling_min double precision,
               rolling_max double precision, rolling_count bigint)
LANGUAGE sql STABLE
SET search_path FROM CURRENT
AS $$
SELECT avg(f.value), stddev_samp(f.value), min(f.value), max(f.value), count(*)
FROM ai_features f
WHERE f.tenant_id = p_tenant_id AND f.asset_id = p_asset_id AND f.metric = p_metric
  AND f."timestamp" > p_timestamp - make_interval(hours => p_window_hours)
  AND f."timestamp" <= p_timestamp
$$;

-- retention: rows older than now - retain are deleted by aihub_apply_retention, which the sink's task 0 calls every
-- retention.interval.ms (TimescaleDB's add_retention_policy where the extension is installed is not used: this works
-- on plain PostgreSQL and TimescaleDB alike). Edit the periods here; the documented ones are the defaults.
CREATE TABLE retention_policies (
    table_name  text     PRIMARY KEY,
    time_column text     NOT NULL,
    retain      interval NOT NULL CHECK (retain > interval '0')
);
INSERT INTO retention_policies (table_name, time_column, retain) VALUES
    ('timeseries_data',   'timestamp',    interval '7 days'),
    ('ai_features',       'timestamp',    interval '90 days'),
    ('hourly_aggregates', 'window_start', interval '365 days'),
    ('daily_aggregates',  'window_start', interval '730 days'),
    ('weather_features',  'timestamp',    interval '365 days'),
    ('anomalies',         'timestamp',    interval '90 days'),
    ('forecasts',         'issued_at',    interval '90 days');

CREATE FUNCTION aihub_apply_retention(p_now timestamptz DEFAULT now())
RETURNS TABLE (table_name text, deleted bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    policy record;
    n bigint;
BEGIN
    FOR policy IN SELECT r.table_name AS name, r.time_column AS col, r.retain AS retain
                  FROM retention_policies r ORDER BY r.table_name LOOP
        EXECUTE format('DELETE FROM %I WHERE %I < $1', policy.name, policy.col) USING p_now - policy.retain;
        GET DIAGNOSTICS n = ROW_COUNT;
        table_name := policy.name;
        deleted := n;
        RETURN NEXT;
    END LOOP;
END
$$;
