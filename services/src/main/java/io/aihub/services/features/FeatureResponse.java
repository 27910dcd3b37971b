package io.aihub.services.features;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /ai/features/get} in the documented shape ({@code tenant_id, asset_id, features,
 * feature_count, computed_at, cache_hit}) plus the series' {@code metric} and {@code latest_reading_at}.
 */
record FeatureResponse(
        String tenantId,
        String assetId,
        String metric,
        Map<String, @Nullable Object> features,
        int featureCount,
        Instant computedAt,
        boolean cacheHit,
        Instant latestReadingAt) {}
