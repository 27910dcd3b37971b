package io.aihub.topology.maintenance.internal;

import static io.aihub.topology.maintenance.internal.Durations.HOUR;

import io.aihub.topology.maintenance.MaintenanceView;
import io.aihub.topology.maintenance.ViewRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry_features view of one asset, as of T = its newest accepted reading. The N-day window is the 24·N UTC
 * hours ending with T's hour, {@code [hour(T) - (24N - 1) h, hour(T) + 1 h)}; anomaly counts are over the N UTC days
 * ending with T's day (the anomaly log counts per day). README, "Feature views".
 */
public final class TelemetryFeatures {

    /** The statistics per tracked metric that the view serves (of power, voltage, current, temperature, frequency). */
    private static final Map<String, List<String>> STATS = Map.of(
            "power", List.of("avg", "std", "min", "max"),
            "voltage", List.of("avg", "std", "min", "max"),
            "current", List.of("avg", "std"),
            "temperature", List.of("avg", "std", "max"),
            "frequency", List.of("avg", "std"));

    private TelemetryFeatures() {}

    /**
     * @param newest T, the asset's newest accepted reading time
     * @param hours the asset's hour statistics by hour start (at least the 30 days ending with T's hour)
     * @param capacityKw the asset's installed capacity (latest asset event), if known
     * @param anomalies the asset's anomaly counts over 7, 30 and 90 days
     */
    public static ViewRow compute(
            long newest, SortedMap<Long, HourStats> hours, @Nullable Double capacityKw, long[] anomalies) {
        long lastHour = Math.floorDiv(newest, HOUR) * HOUR;
        Map<String, @Nullable Object> v = new HashMap<>();
        HourStats week = window(hours, lastHour, 7);
        for (var entry : STATS.entrySet()) {
            int m = HourStats.indexOf(entry.getKey());
            for (String stat : entry.getValue()) {
                double x = switch (stat) {
                    case "avg" -> week.mean(m);
                    case "std" -> week.std(m);
                    case "min" -> week.min(m);
                    default -> week.max(m);
                };
                v.put("rolling_" + stat + "_" + entry.getKey() + "_7d", Double.isNaN(x) ? null : x);
            }
        }
        v.put("anomaly_count_7d", anomalies[0]);
        v.put("anomaly_count_30d", anomalies[1]);
        v.put("anomaly_count_90d", anomalies[2]);
        for (int days : new int[] {7, 30}) {
            Double generation = generationKwh(hours, lastHour, days);
            v.put("total_generation_kwh_" + days + "d", generation);
            v.put(
                    "capacity_factor_" + days + "d",
                    generation == null || capacityKw == null ? null : generation / (capacityKw * 24 * days));
            v.put("availability_" + days + "d", hoursWithReadings(hours, lastHour, days) / (24.0 * days));
        }
        Double month = (Double) v.get("total_generation_kwh_30d");
        v.put("avg_daily_generation_kwh", month == null ? null : month / 30);
        return new ViewRow(newest, AssetFeatures.ordered(MaintenanceView.TELEMETRY_FEATURES, v));
    }

    private static SortedMap<Long, HourStats> hoursOf(SortedMap<Long, HourStats> hours, long lastHour, int days) {
        return hours.subMap(lastHour - (24L * days - 1) * HOUR, lastHour + 1);
    }

    private static HourStats window(SortedMap<Long, HourStats> hours, long lastHour, int days) {
        HourStats out = new HourStats();
        hoursOf(hours, lastHour, days).values().forEach(out::merge);
        return out;
    }

    /** Sum over the window's hours with power readings of the hour's mean power (kW) x 1 h; null without any. */
    private static @Nullable Double generationKwh(SortedMap<Long, HourStats> hours, long lastHour, int days) {
        int power = HourStats.indexOf("power");
        double kwh = 0;
        boolean any = false;
        for (HourStats h : hoursOf(hours, lastHour, days).values()) {
            if (h.count(power) > 0) {
                kwh += h.mean(power);
                any = true;
            }
        }
        return any ? kwh : null;
    }

    private static long hoursWithReadings(SortedMap<Long, HourStats> hours, long lastHour, int days) {
        return hoursOf(hours, lastHour, days).values().stream()
                .filter(h -> h.readings() > 0)
                .count();
    }
}
