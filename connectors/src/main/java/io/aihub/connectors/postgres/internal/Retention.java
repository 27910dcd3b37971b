package io.aihub.connectors.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls {@code aihub_apply_retention(now)} at most once per interval, from the task's own thread (no timer thread,
 * no sleep): the task asks {@link #due()} after each batch.
 */
public final class Retention {

    private final String schema;
    private final long intervalMs;
    private final Clock clock;
    private long lastRunMs = Long.MIN_VALUE;

    public Retention(String schema, long intervalMs, Clock clock) {
        this.schema = schema;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /** Whether retention is enabled and its interval has passed since the last run (or it never ran). */
    public boolean due() {
        return intervalMs > 0 && (lastRunMs == Long.MIN_VALUE || clock.millis() - lastRunMs >= intervalMs);
    }

    /** Deletes the expired rows in one transaction; returns the rows deleted per table. */
    public Map<String, Long> apply(Connection connection) throws SQLException {
        Instant now = clock.instant();
        var deleted = new LinkedHashMap<String, Long>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name, deleted FROM \"" + schema + "\".aihub_apply_retention(?)")) {
            statement.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    deleted.put(rows.getString(1), rows.getLong(2));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        lastRunMs = now.toEpochMilli();
        return deleted;
    }
}
