-- The logged feature vectors also as a float8 array in a fixed slot order, so that a batch export reads a feature with
-- an array subscript instead of parsing the jsonb (measured: six jsonb extractions per row cost PostgreSQL more than
-- the scan of the rows; the array subscripts cost a fraction of that). PostgreSQL computes the array from the jsonb
-- itself when a row is written (a stored generated column), so the two can never disagree; the price is paid once per
-- row at write time. Adding the column rewrites the table once.
--
-- ai_feature_slots names each slot; a feature without a slot (one added to the product later) is read from the jsonb.
-- A slot is never reused or renumbered; a new feature gets a new slot and a new migration redefines the column.

CREATE TABLE ai_feature_slots (
    slot integer PRIMARY KEY,
    name text    NOT NULL UNIQUE
);

INSERT INTO ai_feature_slots (slot, name) VALUES
    (1, 'hour_of_day'),
    (2, 'day_of_week'),
    (3, 'day_of_month'),
    (4, 'month'),
    (5, 'is_weekend'),
    (6, 'is_business_hours'),
    (7, 'lag_1h'),
    (8, 'lag_24h'),
    (9, 'lag_168h'),
    (10, 'rolling_avg_24h'),
    (11, 'rolling_std_24h'),
    (12, 'rolling_min_24h'),
    (13, 'rolling_max_24h'),
    (14, 'rolling_avg_168h'),
    (15, 'rolling_std_168h'),
    (16, 'rolling_min_168h'),
    (17, 'rolling_max_168h'),
    (18, 'historical_avg_24h'),
    (19, 'historical_std_24h'),
    (20, 'max_24h'),
    (21, 'min_24h'),
    (22, 'range_24h'),
    (23, 'hourly_avg'),
    (24, 'hourly_min'),
    (25, 'hourly_max'),
    (26, 'hourly_stddev'),
    (27, 'hourly_count'),
    (28, 'daily_avg'),
    (29, 'daily_min'),
    (30, 'daily_max'),
    (31, 'daily_stddev'),
    (32, 'daily_count'),
    (33, 'temperature'),
    (34, 'humidity'),
    (35, 'solar_irradiance'),
    (36, 'wind_speed'),
    (37, 'cloud_cover'),
    (38, 'precipitation');

ALTER TABLE ai_features ADD COLUMN feature_values double precision[] GENERATED ALWAYS AS (ARRAY[
        (features ->> 'hour_of_day')::float8,
        (features ->> 'day_of_week')::float8,
        (features ->> 'day_of_month')::float8,
        (features ->> 'month')::float8,
        (features ->> 'is_weekend')::float8,
        (features ->> 'is_business_hours')::float8,
        (features ->> 'lag_1h')::float8,
        (features ->> 'lag_24h')::float8,
        (features ->> 'lag_168h')::float8,
        (features ->> 'rolling_avg_24h')::float8,
        (features ->> 'rolling_std_24h')::float8,
        (features ->> 'rolling_min_24h')::float8,
        (features ->> 'rolling_max_24h')::float8,
        (features ->> 'rolling_avg_168h')::float8,
        (features ->> 'rolling_std_168h')::float8,
        (features ->> 'rolling_min_168h')::float8,
        (features ->> 'rolling_max_168h')::float8,
        (features ->> 'historical_avg_24h')::float8,
        (features ->> 'historical_std_24h')::float8,
        (features ->> 'max_24h')::float8,
        (features ->> 'min_24h')::float8,
        (features ->> 'range_24h')::float8,
        (features ->> 'hourly_avg')::float8,
        (features ->> 'hourly_min')::float8,
        (features ->> 'hourly_max')::float8,
        (features ->> 'hourly_stddev')::float8,
        (features ->> 'hourly_count')::float8,
        (features ->> 'daily_avg')::float8,
        (features ->> 'daily_min')::float8,
        (features ->> 'daily_max')::float8,
        (features ->> 'daily_stddev')::float8,
        (features ->> 'daily_count')::float8,
        (features ->> 'temperature')::float8,
        (features ->> 'humidity')::float8,
        (features ->> 'solar_irradiance')::float8,
        (features ->> 'wind_speed')::float8,
        (features ->> 'cloud_cover')::float8,
        (features ->> 'precipitation')::float8
    ]) STORED;
