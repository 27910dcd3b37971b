package io.aihub.services.ingest;

import org.jspecify.annotations.Nullable;

/** One reading as posted to {@code /ingest/telemetry}. */
record TelemetryIn(
        @Nullable String tenantId,
        @Nullable String assetId,
        @Nullable String metric,
        @Nullable Object timestamp,
        @Nullable Double value,
        @Nullable Integer quality,
        @Nullable String unit) {}
