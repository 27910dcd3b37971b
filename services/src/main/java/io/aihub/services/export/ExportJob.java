package io.aihub.services.export;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One export job as the API answers it (snake_case JSON): the documented fields ({@code export_id, tenant_id,
 * feature_set, status, storage_path, row_count, file_size_mb, started_at, completed_at}) plus the request's range and
 * assets, the exact {@code file_size_bytes} and the {@code error} of a failed job.
 *
 * @param status {@code pending}, {@code running}, {@code completed} or {@code failed}
 * @param startedAt when the job was accepted
 */
public record ExportJob(
        String exportId,
        String tenantId,
        String featureSet,
        Instant startTime,
        Instant endTime,
        @Nullable List<String> assetIds,
        String status,
        String storagePath,
        @Nullable Long rowCount,
        @Nullable Long fileSizeBytes,
        @Nullable String error,
        Instant startedAt,
        @Nullable Instant completedAt) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** The file size in MiB, two decimals, as the reference's {@code file_size_mb}; null until completed. */
    public @Nullable Double fileSizeMb() {
        return fileSizeBytes == null ? null : Math.round(fileSizeBytes / 1024.0 / 1024.0 * 100.0) / 100.0;
    }

    ExportJob running() {
        return next(RUNNING, null, null, null, null);
    }

    ExportJob completed(ExportResult result, Instant at) {
        return next(COMPLETED, result.rows(), result.bytes(), null, at);
    }

    ExportJob failed(String reason, Instant at) {
        return next(FAILED, null, null, reason, at);
    }

    /** This job in another state: the request's fields and start time kept, the outcome replaced. */
    private ExportJob next(
            String status, @Nullable Long rows, @Nullable Long bytes, @Nullable String reason, @Nullable Instant at) {
        return new ExportJob(
                exportId,
                tenantId,
                featureSet,
                startTime,
                endTime,
                assetIds,
                status,
                storagePath,
                rows,
                bytes,
                reason,
                startedAt,
                at);
    }
}
