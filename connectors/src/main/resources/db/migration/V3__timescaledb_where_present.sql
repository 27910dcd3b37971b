-- TimescaleDB where present. If the server offers the timescaledb extension (pg_available_extensions) and it can be
-- created here (it must be in shared_preload_libraries, and the migrating user allowed to create it), the tables
-- whose primary key holds their retention time become hypertables (chunks of 7 days, the default) and get a
-- TimescaleDB retention policy (add_retention_policy: a background job drops whole chunks older than retain); their
-- retention_policies rows are then marked managed_by = 'timescaledb' and aihub_apply_retention skips them.
-- forecasts stays a plain table (retention by issued_at, which is not in its key) and so does everything on a server
-- without TimescaleDB: there aihub_apply_retention, called by the sink's task 0 every retention.interval.ms, deletes
-- the expired rows, as before. Nothing here fails the migration: without TimescaleDB it only says so (NOTICE).
ALTER TABLE retention_policies
    ADD COLUMN managed_by text NOT NULL DEFAULT 'aihub' CHECK (managed_by IN ('aihub', 'timescaledb'));

DO $migration$
DECLARE
    ts_schema name;
    policy    record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'timescaledb is not available on this server: plain tables, retention by aihub_apply_retention';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'timescaledb cannot be created here (%): plain tables, retention by aihub_apply_retention', SQLERRM;
        RETURN;
    END;
    SELECT n.nspname INTO ts_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'timescaledb';
    FOR policy IN SELECT r.table_name AS name, r.time_column AS col, r.retain AS retain
                  FROM retention_policies r
                  WHERE r.table_name IN ('timeseries_data', 'ai_features', 'hourly_aggregates', 'daily_aggregates',
                                         'weather_features', 'anomalies')
                  ORDER BY r.table_name LOOP
        EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, migrate_data => true, '
                       || 'create_default_indexes => false, if_not_exists => true)',
                       ts_schema, policy.name, policy.col);
        EXECUTE format('SELECT %I.add_retention_policy(%L::regclass, drop_after => %L::interval, if_not_exists => true)',
                       ts_schema, policy.name, policy.retain);
        UPDATE retention_policies SET managed_by = 'timescaledb' WHERE table_name = policy.name;
    END LOOP;
    RAISE NOTICE 'timescaledb %: hypertables and retention policies created', (SELECT extversion FROM pg_extension
                                                                               WHERE extname = 'timescaledb');
END
$migration$;

-- the sink's retention: the tables TimescaleDB does not manage
CREATE OR REPLACE FUNCTION aihub_apply_retention(p_now timestamptz DEFAULT now())
RETURNS TABLE (table_name text, deleted bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
DECLARE
    policy record;
    n bigint;
BEGIN
    FOR policy IN SELECT r.table_name AS name, r.time_column AS col, r.retain AS retain
                  FROM retention_policies r WHERE r.managed_by = 'aihub' ORDER BY r.table_name LOOP
        EXECUTE format('DELETE FROM %I WHERE %I < $1', policy.name, policy.col) USING p_now - policy.retain;
        GET DIAGNOSTICS n = ROW_COUNT;
        table_name := policy.name;
        deleted := n;
        RETURN NEXT;
    END LOOP;
END
$$;
