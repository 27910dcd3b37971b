package io.aihub.services.export;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /ai/features/export}, as documented: {@code tenant_id}, {@code feature_set}, {@code start_time},
 * {@code end_time} required; {@code asset_ids} (default all) and {@code output_path} optional. Times are ISO-8601 with
 * a zone or epoch milliseconds.
 */
record ExportRequest(
        @Nullable String tenantId,
        @Nullable String featureSet,
        @Nullable Object startTime,
        @Nullable Object endTime,
        @Nullable List<String> assetIds,
        @Nullable String outputPath) {}
