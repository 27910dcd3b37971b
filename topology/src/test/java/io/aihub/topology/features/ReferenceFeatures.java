package io.aihub.topology.features;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately naive implementation of the feature definitions of FEATURES.md: filter a list per definition,
 * two-pass statistics, java.time for the calendar. Used as the oracle of the brute-force tests (also by other
 * modules through the test-jar). Inputs are the accepted readings of one series (unique timestamps) and the accepted
 * weather of its asset, in any order.
 */
public final class ReferenceFeatures {

    private static final long H = Duration.ofHours(1).toMillis();

    /** One reading. */
    public record Reading(long timestamp, double value) {}

    /** One weather observation; fields in FeatureNames.WEATHER order, null where absent. */
    public record Weather(long timestamp, List<@Nullable Double> fields) {}

    /** Statistics of one window. */
    public record Stats(
            long count,
            double avg,
            double min,
            double max,
            @Nullable Double std) {}

    private ReferenceFeatures() {}

    /** Every feature at t, in FeatureNames.ALL order. */
    public static Map<String, @Nullable Double> at(
            long t, List<Reading> readings, List<Weather> weather, Duration weatherMaxAge) {
        var out = new LinkedHashMap<String, @Nullable Double>();
        ZonedDateTime time = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        DayOfWeek dow = time.getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        out.put("hour_of_day", (double) time.getHour());
        out.put("day_of_week", (double) (dow.getValue() - 1));
        out.put("day_of_month", (double) time.getDayOfMonth());
        out.put("month", (double) time.getMonthValue());
        out.put("is_weekend", weekend ? 1.0 : 0.0);
        out.put("is_business_hours", !weekend && time.getHour() >= 9 && time.getHour() < 17 ? 1.0 : 0.0);
        out.put("lag_1h", lag(readings, t, 1));
        out.put("lag_24h", lag(readings, t, 24));
        out.put("lag_168h", lag(readings, t, 168));
        for (int hours : new int[] {24, 168}) {
            long from = t - hours * H;
            Optional<Stats> s = stats(readings, ts -> ts > from && ts <= t);
            out.put("rolling_avg_" + hours + "h", s.map(Stats::avg).orElse(null));
            out.put("rolling_std_" + hours + "h", s.map(Stats::std).orElse(null));
            out.put("rolling_min_" + hours + "h", s.map(Stats::min).orElse(null));
            out.put("rolling_max_" + hours + "h", s.map(Stats::max).orElse(null));
        }
        Optional<Stats> hist = stats(readings, ts -> ts > t - 24 * H && ts < t);
        out.put("historical_avg_24h", hist.map(Stats::avg).orElse(null));
        out.put("historical_std_24h", hist.map(Stats::std).orElse(null));
        out.put("max_24h", hist.map(Stats::max).orElse(null));
        out.put("min_24h", hist.map(Stats::min).orElse(null));
        out.put("range_24h", hist.map(s -> s.max() - s.min()).orElse(null));
        long hourStart = time.truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli();
        long dayStart = time.truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli();
        putPeriod(out, "hourly_", stats(readings, ts -> ts >= hourStart && ts <= t));
        putPeriod(out, "daily_", stats(readings, ts -> ts >= dayStart && ts <= t));
        Optional<Weather> w = weather.stream()
                .filter(o -> o.timestamp() <= t && o.timestamp() >= t - weatherMaxAge.toMillis())
                .max(Comparator.comparingLong(Weather::timestamp));
        for (int i = 0; i < FeatureNames.WEATHER.size(); i++) {
            int field = i;
            out.put(
                    FeatureNames.WEATHER.get(i),
                    w.map(o -> o.fields().get(field)).orElse(null));
        }
        return out;
    }

    /** Statistics of the readings in [start, end), empty if none. */
    public static Optional<Stats> window(List<Reading> readings, long start, long end) {
        return stats(readings, ts -> ts >= start && ts < end);
    }

    private static void putPeriod(Map<String, @Nullable Double> out, String prefix, Optional<Stats> s) {
        out.put(prefix + "avg", s.map(Stats::avg).orElse(null));
        out.put(prefix + "min", s.map(Stats::min).orElse(null));
        out.put(prefix + "max", s.map(Stats::max).orElse(null));
        out.put(prefix + "stddev", s.map(Stats::std).orElse(null));
        out.put(prefix + "count", s.map(x -> (double) x.count()).orElse(0.0));
    }

    private static @Nullable Double lag(List<Reading> readings, long t, int hours) {
        long at = t - hours * H;
        return readings.stream()
                .filter(r -> r.timestamp() <= at)
                .max(Comparator.comparingLong(Reading::timestamp))
                .filter(r -> r.timestamp() >= at - H)
                .map(Reading::value)
                .orElse(null);
    }

    private static Optional<Stats> stats(List<Reading> readings, LongPredicate inWindow) {
        List<Double> values = new ArrayList<>();
        for (Reading r : readings) {
            if (inWindow.test(r.timestamp())) {
                values.add(r.value());
            }
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double avg = sum / values.size();
        Double std = null;
        if (values.size() >= 2) {
            double sq = 0;
            for (double v : values) {
                sq += (v - avg) * (v - avg);
            }
            std = Math.sqrt(sq / (values.size() - 1));
        }
        return Optional.of(new Stats(values.size(), avg, min, max, std));
    }
}
