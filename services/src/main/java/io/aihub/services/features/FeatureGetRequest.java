package io.aihub.services.features;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /ai/features/get}, as documented, plus {@code metric} (default {@code value}). */
record FeatureGetRequest(
        @Nullable String tenantId,
        @Nullable String assetId,
        @Nullable String metric,
        @Nullable String featureSet,
        @Nullable List<String> featureNames,
        @Nullable Object timestamp,
        @Nullable Integer lookbackHours) {}
