package io.aihub.services.explain;

import org.jspecify.annotations.Nullable;

/** Body of {@code POST /ai/explain/global}, as documented. */
record GlobalExplainRequest(
        @Nullable String tenantId,
        @Nullable String modelName,
        @Nullable String modelVersion,
        @Nullable Integer datasetSampleSize) {}
