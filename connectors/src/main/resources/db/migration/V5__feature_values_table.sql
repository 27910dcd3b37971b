-- The keys, value and feature array of every ai_features row also in a narrow table of their own, ai_feature_values,
-- which a batch export scans instead of ai_features. A logged vector's row in ai_features is about 1.5 kB, most of it
-- the jsonb, which PostgreSQL keeps in line (it moves values out of line only for rows over about 2 kB); the export
-- reads none of it, yet a scan of ai_features reads every byte of it. The narrow table is about a quarter of the size
-- (1.1M rows of the export bench: 409 MB against 1,719 MB).
--
-- PostgreSQL keeps the two in step itself, in the writer's transaction: triggers on ai_features copy every insert,
-- update (the sink's ON CONFLICT DO UPDATE), delete (retention, or a user's DELETE) and truncate to
-- ai_feature_values, whoever writes. On a plain table they are statement-level triggers over transition tables (one
-- statement per written statement, not one per row; a row-level trigger moves the copy when an update changes a key); TimescaleDB hypertables do not support transition tables, so there (V3 made
-- ai_features one) they are row-level triggers. aihub_feature_value_triggers(per_row) (re)creates either kind.
-- Retention: on a plain table the delete trigger removes the copies of whatever retention deletes from ai_features;
-- TimescaleDB's retention drops chunks without firing triggers, so there ai_feature_values gets a policy of its own,
-- with the retention of ai_features (change both together).

CREATE TABLE ai_feature_values (
    tenant_id      text               NOT NULL,
    asset_id       text               NOT NULL,
    metric         text               NOT NULL,
    "timestamp"    timestamptz        NOT NULL,
    value          double precision   NOT NULL,
    feature_values double precision[] NOT NULL,
    PRIMARY KEY (tenant_id, asset_id, metric, "timestamp")
);

-- no index on "timestamp": the export scans the table (block ranges), and retention deletes its rows through the
-- delete trigger, by primary key; one index less to write per row

INSERT INTO ai_feature_values (tenant_id, asset_id, metric, "timestamp", value, feature_values)
SELECT tenant_id, asset_id, metric, "timestamp", value, feature_values FROM ai_features;

-- statement level: the changed rows of one statement at once
CREATE FUNCTION aihub_feature_values_insert() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    INSERT INTO ai_feature_values (tenant_id, asset_id, metric, "timestamp", value, feature_values)
    SELECT tenant_id, asset_id, metric, "timestamp", value, feature_values FROM changed
    ON CONFLICT (tenant_id, asset_id, metric, "timestamp")
        DO UPDATE SET value = EXCLUDED.value, feature_values = EXCLUDED.feature_values;
    RETURN NULL;
END
$$;

-- an update that keeps the keys (the sink's ON CONFLICT DO UPDATE); one that changes a key is also seen by the
-- row-level ai_feature_values_rekey trigger, which moves the copy to the new key first
CREATE FUNCTION aihub_feature_values_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    UPDATE ai_feature_values v
    SET value = c.value, feature_values = c.feature_values
    FROM changed c
    WHERE v.tenant_id = c.tenant_id AND v.asset_id = c.asset_id AND v.metric = c.metric
      AND v."timestamp" = c."timestamp";
    RETURN NULL;
END
$$;

CREATE FUNCTION aihub_feature_values_delete() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    DELETE FROM ai_feature_values v
    USING removed r
    WHERE v.tenant_id = r.tenant_id AND v.asset_id = r.asset_id AND v.metric = r.metric
      AND v."timestamp" = r."timestamp";
    RETURN NULL;
END
$$;

CREATE FUNCTION aihub_feature_values_truncate() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    TRUNCATE ai_feature_values;
    RETURN NULL;
END
$$;

-- row level: one row at a time (hypertables)
CREATE FUNCTION aihub_feature_values_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM ai_feature_values
        WHERE tenant_id = OLD.tenant_id AND asset_id = OLD.asset_id AND metric = OLD.metric
          AND "timestamp" = OLD."timestamp";
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ai_feature_values (tenant_id, asset_id, metric, "timestamp", value, feature_values)
        VALUES (NEW.tenant_id, NEW.asset_id, NEW.metric, NEW."timestamp", NEW.value, NEW.feature_values)
        ON CONFLICT (tenant_id, asset_id, metric, "timestamp")
            DO UPDATE SET value = EXCLUDED.value, feature_values = EXCLUDED.feature_values;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION aihub_feature_value_triggers(per_row boolean) RETURNS void
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $$
BEGIN
    DROP TRIGGER IF EXISTS ai_feature_values_insert ON ai_features;
    DROP TRIGGER IF EXISTS ai_feature_values_update ON ai_features;
    DROP TRIGGER IF EXISTS ai_feature_values_delete ON ai_features;
    DROP TRIGGER IF EXISTS ai_feature_values_row ON ai_features;
    DROP TRIGGER IF EXISTS ai_feature_values_rekey ON ai_features;
    DROP TRIGGER IF EXISTS ai_feature_values_truncate ON ai_features;
    CREATE TRIGGER ai_feature_values_truncate AFTER TRUNCATE ON ai_features
        FOR EACH STATEMENT EXECUTE FUNCTION aihub_feature_values_truncate();
    IF per_row THEN
        CREATE TRIGGER ai_feature_values_row AFTER INSERT OR UPDATE OR DELETE ON ai_features
            FOR EACH ROW EXECUTE FUNCTION aihub_feature_values_row();
    ELSE
        CREATE TRIGGER ai_feature_values_insert AFTER INSERT ON ai_features
            REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION aihub_feature_values_insert();
        CREATE TRIGGER ai_feature_values_update AFTER UPDATE ON ai_features
            REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION aihub_feature_values_update();
        CREATE TRIGGER ai_feature_values_rekey AFTER UPDATE ON ai_features
            FOR EACH ROW
            WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.asset_id IS DISTINCT FROM NEW.asset_id
                  OR OLD.metric IS DISTINCT FROM NEW.metric OR OLD."timestamp" IS DISTINCT FROM NEW."timestamp")
            EXECUTE FUNCTION aihub_feature_values_row();
        CREATE TRIGGER ai_feature_values_delete AFTER DELETE ON ai_features
            REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION aihub_feature_values_delete();
    END IF;
END
$$;

DO $migration$
DECLARE
    hypertable boolean := EXISTS (SELECT 1 FROM retention_policies
                                  WHERE table_name = 'ai_features' AND managed_by = 'timescaledb');
    ts_schema  name;
    keep_for   interval := (SELECT retain FROM retention_policies WHERE table_name = 'ai_features');
BEGIN
    PERFORM aihub_feature_value_triggers(hypertable);
    IF hypertable THEN
        SELECT n.nspname INTO ts_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'timescaledb';
        EXECUTE format('SELECT %I.create_hypertable(%L::regclass, %L, migrate_data => true, '
                       || 'create_default_indexes => false, if_not_exists => true)',
                       ts_schema, 'ai_feature_values', 'timestamp');
        EXECUTE format('SELECT %I.add_retention_policy(%L::regclass, drop_after => %L::interval, if_not_exists => true)',
                       ts_schema, 'ai_feature_values', keep_for);
        INSERT INTO retention_policies (table_name, time_column, retain, managed_by)
        VALUES ('ai_feature_values', 'timestamp', keep_for, 'timescaledb');
    END IF;
END
$migration$;
