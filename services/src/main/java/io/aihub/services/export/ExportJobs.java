package io.aihub.services.export;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code feature_exports} table of the offline store (created by the {@code connectors} migrations): a row
 * inserted {@code pending} when a job is accepted, updated as it runs and ends. Every read is of one tenant.
 */
final class ExportJobs {

    static final String COLUMNS = "export_id, tenant_id, feature_set, start_time, end_time, asset_ids,"
            + " status, storage_path, row_count, file_size_bytes, error, created_at, completed_at";

    private final OfflineStore store;

    ExportJobs(OfflineStore store) {
        this.store = store;
    }

    /** Whether the tenant has at least one logged vector in the query's range and assets. */
    boolean anyRows(ExportQuery query) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM ai_features WHERE tenant_id = ? AND \"timestamp\" >= ?"
                + " AND \"timestamp\" <= ?" + (query.assetIds().isEmpty() ? "" : " AND asset_id = ANY (?)") + ")";
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, query.tenantId());
            statement.setObject(2, utc(query.start()));
            statement.setObject(3, utc(query.end()));
            if (!query.assetIds().isEmpty()) {
                statement.setArray(
                        4, connection.createArrayOf("text", query.assetIds().toArray()));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Records the job, its first heartbeat PostgreSQL's {@code now()} (see {@link ExportLeases}). */
    void insert(ExportJob job) throws SQLException {
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO feature_exports (" + COLUMNS
                        + ", heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())")) {
            statement.setString(1, job.exportId());
            statement.setString(2, job.tenantId());
            statement.setString(3, job.featureSet());
            statement.setObject(4, utc(job.startTime()));
            statement.setObject(5, utc(job.endTime()));
            if (job.assetIds() == null) {
                statement.setNull(6, Types.ARRAY);
            } else {
                statement.setArray(
                        6, connection.createArrayOf("text", job.assetIds().toArray()));
            }
            statement.setString(7, job.status());
            statement.setString(8, job.storagePath());
            setNullableLong(statement, 9, job.rowCount());
            setNullableLong(statement, 10, job.fileSizeBytes());
            statement.setString(11, job.error());
            statement.setObject(12, utc(job.startedAt()));
            statement.setObject(13, job.completedAt() == null ? null : utc(job.completedAt()));
            statement.executeUpdate();
        }
    }

    /**
     * Writes the job's status, counts, error and completion time, if the job has not ended yet; false when it has
     * (another instance failed it as abandoned, {@link ExportLeases#reap()}), so an ended job never changes again.
     */
    boolean update(ExportJob job) throws SQLException {
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement("UPDATE feature_exports SET status = ?,"
                        + " row_count = ?, file_size_bytes = ?, storage_path = ?, error = ?, completed_at = ?"
                        + " WHERE export_id = ? AND tenant_id = ? AND status IN ('pending', 'running')")) {
            statement.setString(1, job.status());
            setNullableLong(statement, 2, job.rowCount());
            setNullableLong(statement, 3, job.fileSizeBytes());
            statement.setString(4, job.storagePath());
            statement.setString(5, job.error());
            statement.setObject(6, job.completedAt() == null ? null : utc(job.completedAt()));
            statement.setString(7, job.exportId());
            statement.setString(8, job.tenantId());
            return statement.executeUpdate() == 1;
        }
    }

    /** The tenant's jobs, newest first, optionally of one feature set and one status. */
    List<ExportJob> list(String tenantId, @Nullable String featureSet, @Nullable String status, int limit)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM feature_exports WHERE tenant_id = ?"
                + (featureSet == null ? "" : " AND feature_set = ?")
                + (status == null ? "" : " AND status = ?")
                + " ORDER BY created_at DESC, export_id DESC LIMIT ?";
        try (Connection connection = store.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setString(index++, tenantId);
            if (featureSet != null) {
                statement.setString(index++, featureSet);
            }
            if (status != null) {
                statement.setString(index++, status);
            }
            statement.setInt(index, limit);
            var jobs = new ArrayList<ExportJob>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    jobs.add(read(result));
                }
            }
            return jobs;
        }
    }

    /** The job of the result's current row, selected (or returned) with {@link #COLUMNS}. */
    static ExportJob read(ResultSet result) throws SQLException {
        Array assets = result.getArray("asset_ids");
        OffsetDateTime completed = result.getObject("completed_at", OffsetDateTime.class);
        return new ExportJob(
                result.getString("export_id"),
                result.getString("tenant_id"),
                result.getString("feature_set"),
                result.getObject("start_time", OffsetDateTime.class).toInstant(),
                result.getObject("end_time", OffsetDateTime.class).toInstant(),
                assets == null ? null : Arrays.asList((String[]) assets.getArray()),
                result.getString("status"),
                result.getString("storage_path"),
                nullableLong(result, "row_count"),
                nullableLong(result, "file_size_bytes"),
                result.getString("error"),
                result.getObject("created_at", OffsetDateTime.class).toInstant(),
                completed == null ? null : completed.toInstant());
    }

    private static @Nullable Long nullableLong(ResultSet result, String column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    private static void setNullableLong(PreparedStatement statement, int index, @Nullable Long value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
