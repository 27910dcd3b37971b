package io.aihub.services.features;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /ai/features/batch}: one tenant, many assets, one selection of features, one timestamp. */
record FeatureBatchRequest(
        @Nullable String tenantId,
        @Nullable List<String> assetIds,
        @Nullable String metric,
        @Nullable String featureSet,
        @Nullable List<String> featureNames,
        @Nullable Object timestamp,
        @Nullable Integer lookbackHours) {}
