package io.aihub.topology.features.internal;

import io.aihub.topology.features.FeatureNames;

/** Index of each feature in {@link FeatureNames#ALL}; computed rows are {@code double[COUNT]} with NaN for null. */
public final class Feature {

    public static final int HOUR_OF_DAY = 0;
    public static final int DAY_OF_WEEK = 1;
    public static final int DAY_OF_MONTH = 2;
    public static final int MONTH = 3;
    public static final int IS_WEEKEND = 4;
    public static final int IS_BUSINESS_HOURS = 5;
    public static final int LAG_1H = 6;
    public static final int LAG_24H = 7;
    public static final int LAG_168H = 8;
    /** rolling_avg_24h, then std, min, max; then the same four for 168h. */
    public static final int ROLLING_24H = 9;

    public static final int ROLLING_168H = 13;
    /** historical_avg_24h, historical_std_24h, max_24h, min_24h, range_24h. */
    public static final int HISTORICAL = 17;
    /** avg, min, max, stddev, count of the current UTC hour; then the same five of the day. */
    public static final int HOURLY = 22;

    public static final int DAILY = 27;
    /** temperature, humidity, solar_irradiance, wind_speed, cloud_cover, precipitation. */
    public static final int WEATHER = 32;

    public static final int WEATHER_COUNT = 6;
    public static final int COUNT = 38;

    static {
        if (FeatureNames.ALL.size() != COUNT
                || !FeatureNames.ALL.get(ROLLING_168H).equals("rolling_avg_168h")
                || !FeatureNames.ALL.get(HISTORICAL).equals("historical_avg_24h")
                || !FeatureNames.ALL.get(DAILY).equals("daily_avg")
                || !FeatureNames.ALL.get(WEATHER).equals("temperature")) {
            throw new IllegalStateException("Feature indexes disagree with FeatureNames.ALL");
        }
    }

    private Feature() {}
}
