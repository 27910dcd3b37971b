-- A lease on each live export job, so that a job whose application instance died uncleanly (kill -9, a lost machine)
-- does not stay pending or running forever. The instance running a job sets heartbeat_at to now() when it records the
-- job and again every 10 s while the job is pending or running (PostgreSQL's clock, never the JVM's); any instance
-- sharing this database fails, in one UPDATE ... RETURNING, the pending or running jobs whose heartbeat (created_at
-- for a row written before this migration) is older than 60 s. A live instance renews its jobs well within that age,
-- so no instance ever fails another live instance's jobs.

ALTER TABLE feature_exports ADD COLUMN heartbeat_at timestamptz;

-- the reaper's query: only the few live rows are indexed, never the history of finished jobs
CREATE INDEX feature_exports_live_heartbeat_idx ON feature_exports ((coalesce(heartbeat_at, created_at)))
    WHERE status IN ('pending', 'running');
