package io.aihub.services.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases of export jobs on their {@code feature_exports} rows (column {@code heartbeat_at}, migration V6), so that
 * a job whose instance died uncleanly (kill -9, a lost machine) does not stay {@code pending} or {@code running}
 * forever. While a job is live in this instance ({@link #hold} to {@link #release}), {@link #renew()} sets its
 * {@code heartbeat_at} to PostgreSQL's {@code now()}: every live job of the instance in one UPDATE, every
 * {@link #HEARTBEAT}. {@link #reap()}, run by every instance, fails the {@code pending} and {@code running} jobs whose
 * heartbeat (or creation, for a row without one) is older than {@link #ABANDONED_AFTER}. Several instances may share
 * one PostgreSQL: a live instance renews its jobs well within that age, so none fails another live instance's jobs;
 * the reap is one {@code UPDATE ... RETURNING}, so each orphan is failed, and returned to be published, exactly once.
 * Every time is PostgreSQL's clock, never a JVM's. The caller schedules both calls.
 */
final class ExportLeases {

    /** How often an instance renews its live jobs' heartbeat. */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);

    /** How often an instance looks for abandoned jobs (and once at start). */
    static final Duration REAP_EVERY = Duration.ofSeconds(30);

    /** A live job without a heartbeat for this long is abandoned: six missed heartbeats. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private static final String RENEW = "UPDATE feature_exports SET heartbeat_at = now()"
            + " WHERE export_id = ANY (?) AND status IN ('pending', 'running')";

    // coalesce(...) and the status list as the partial index of V6 has them; the SET reads the row's old values
    private static final String REAP = "UPDATE feature_exports SET status = 'failed', completed_at = now(),"
            + " error = 'abandoned: the instance running it stopped (no heartbeat since '"
            + " || to_char(coalesce(heartbeat_at, created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            + " || ')'"
            + " WHERE status IN ('pending', 'running')"
            + " AND coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ?)"
            + " RETURNING " + ExportJobs.COLUMNS;

    private final OfflineStore store;
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    ExportLeases(OfflineStore store) {
        this.store = store;
    }

    /** The job (recorded with a first heartbeat) is live in this instance: renew its heartbeat until released. */
    void hold(String exportId) {
        live.add(exportId);
    }

    /** The job ended (or was never started) here: stop renewing it. */
    void release(String exportId) {
        live.remove(exportId);
    }

    /** Sets {@code heartbeat_at = now()} of this instance's live jobs, in one UPDATE; returns the rows renewed. */
    int renew() throws SQLException {
        if (live.isEmpty()) {
            return 0;
        }
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement(RENEW)) {
            statement.setArray(1, connection.createArrayOf("text", live.toArray()));
            return statement.executeUpdate();
        }
    }

    /**
     * Fails every abandoned job, whichever instance recorded it, and returns them as failed now: the ones this call
     * failed, never one another instance's reap already failed.
     */
    List<ExportJob> reap() throws SQLException {
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement(REAP)) {
            statement.setDouble(1, ABANDONED_AFTER.toMillis() / 1000.0);
            var reaped = new ArrayList<ExportJob>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    reaped.add(ExportJobs.read(result));
                }
            }
            return reaped;
        }
    }
}
