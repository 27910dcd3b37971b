package io.aihub.services.online;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A series' feature vector as Redis holds it, with the series' watermark when it was read: the timestamp of the
 * newest reading the online store had applied ({@code latest_reading_at}).
 */
public record CachedVector(
        String tenantId,
        String assetId,
        String metric,
        Instant timestamp,
        double value,
        Map<String, @Nullable Double> features,
        int catalogVersion,
        Instant watermark) {}
