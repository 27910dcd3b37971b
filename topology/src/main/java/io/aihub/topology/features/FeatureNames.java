package io.aihub.topology.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every feature the topology computes, in the order of {@link #ALL}. */
public final class FeatureNames {

    public static final List<String> TIME =
            List.of("hour_of_day", "day_of_week", "day_of_month", "month", "is_weekend", "is_business_hours");
    public static final List<String> LAGS = List.of("lag_1h", "lag_24h", "lag_168h");
    public static final List<String> ROLLING = List.of(
            "rolling_avg_24h",
            "rolling_std_24h",
            "rolling_min_24h",
            "rolling_max_24h",
            "rolling_avg_168h",
            "rolling_std_168h",
            "rolling_min_168h",
            "rolling_max_168h");
    public static final List<String> HISTORICAL =
            List.of("historical_avg_24h", "historical_std_24h", "max_24h", "min_24h", "range_24h");
    public static final List<String> HOURLY =
            List.of("hourly_avg", "hourly_min", "hourly_max", "hourly_stddev", "hourly_count");
    public static final List<String> DAILY =
            List.of("daily_avg", "daily_min", "daily_max", "daily_stddev", "daily_count");
    public static final List<String> WEATHER =
            List.of("temperature", "humidity", "solar_irradiance", "wind_speed", "cloud_cover", "precipitation");

    public static final List<String> ALL = concat(TIME, LAGS, ROLLING, HISTORICAL, HOURLY, DAILY, WEATHER);

    private FeatureNames() {}

    @SafeVarargs
    private static List<String> concat(List<String>... groups) {
        var all = new ArrayList<String>();
        for (var group : groups) {
            all.addAll(group);
        }
        return Collections.unmodifiableList(all);
    }
}
