package io.aihub.topology.features;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The answer of {@link FeatureQuery#at}. */
public sealed interface FeatureLookup {

    SeriesKey key();

    /** The features at {@code timestamp}: every name of FeatureNames.ALL in order, null where no data. */
    record Found(SeriesKey key, Instant timestamp, Map<String, @Nullable Double> features, Instant latestReading)
            implements FeatureLookup {}

    /** No reading of the series was ever accepted (by the instance owning its partition). */
    record UnknownSeries(SeriesKey key) implements FeatureLookup {}

    /** The look-back of the requested time is no longer retained; times >= earliestAnswerable can be answered. */
    record OutsideRetention(SeriesKey key, Instant earliestAnswerable) implements FeatureLookup {}
}
