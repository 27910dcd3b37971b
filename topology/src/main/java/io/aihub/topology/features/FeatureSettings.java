package io.aihub.topology.features;

import io.aihub.topology.catalog.FeatureCatalog;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the feature topology.
 *
 * @param grace how far behind its series' watermark a reading may arrive and still be accepted
 * @param retention how long readings are kept in the store behind the watermark; at least 169h + grace
 * @param weatherMaxAge the oldest weather observation used for a reading
 * @param catalog the feature catalog
 */
public record FeatureSettings(Duration grace, Duration retention, Duration weatherMaxAge, FeatureCatalog catalog) {

    /** The longest look-back of any feature: lag_168h accepts a reading up to 169h old. */
    public static final Duration LOOKBACK = Duration.ofHours(169);

    public FeatureSettings {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(weatherMaxAge, "weatherMaxAge");
        Objects.requireNonNull(catalog, "catalog");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, was " + grace);
        }
        if (retention.compareTo(LOOKBACK.plus(grace)) < 0) {
            throw new IllegalArgumentException(
                    "retention must be >= 169h + grace (" + LOOKBACK.plus(grace) + "), was " + retention);
        }
        if (weatherMaxAge.isNegative()) {
            throw new IllegalArgumentException("weatherMaxAge must be >= 0, was " + weatherMaxAge);
        }
    }

    /** grace 1h, retention 14 days, weatherMaxAge 3h. */
    public static FeatureSettings defaults(FeatureCatalog catalog) {
        return new FeatureSettings(Duration.ofHours(1), Duration.ofDays(14), Duration.ofHours(3), catalog);
    }
}
