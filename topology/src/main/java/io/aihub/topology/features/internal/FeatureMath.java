package io.aihub.topology.features.internal;

import java.time.LocalDate;

/**
 * The feature definitions (see topology/FEATURES.md) over a {@link SeriesWindow}. Rows are {@code double[]} indexed
 * by {@link Feature}, NaN meaning null. Averages and deviations come from the window's prefix sums; minima and
 * maxima either from the caller (incremental path) or from one scan ({@link #computeByScan}).
 */
public final class FeatureMath {

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;
    public static final long WEEK = 168 * HOUR;

    private FeatureMath() {}

    public static long floorHour(long t) {
        return Math.floorDiv(t, HOUR) * HOUR;
    }

    public static long floorDay(long t) {
        return Math.floorDiv(t, DAY) * DAY;
    }

    /** hour_of_day, day_of_week (Mon=0), day_of_month, month, is_weekend, is_business_hours of t (UTC). */
    public static void timeFeatures(long t, double[] out) {
        long epochDay = Math.floorDiv(t, DAY);
        int hour = (int) (Math.floorMod(t, DAY) / HOUR);
        int dow = (int) Math.floorMod(epochDay + 3, 7L);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        boolean weekend = dow >= 5;
        out[Feature.HOUR_OF_DAY] = hour;
        out[Feature.DAY_OF_WEEK] = dow;
        out[Feature.DAY_OF_MONTH] = date.getDayOfMonth();
        out[Feature.MONTH] = date.getMonthValue();
        out[Feature.IS_WEEKEND] = weekend ? 1 : 0;
        out[Feature.IS_BUSINESS_HOURS] = !weekend && hour >= 9 && hour < 17 ? 1 : 0;
    }

    /**
     * Everything but minima, maxima and weather, at t, over the readings of {@code w} with timestamp <= t. The
     * window must hold every reading in [t - 169h, t].
     */
    public static void computeSums(SeriesWindow w, long t, double[] out) {
        timeFeatures(t, out);
        out[Feature.LAG_1H] = lag(w, t - HOUR);
        out[Feature.LAG_24H] = lag(w, t - DAY);
        out[Feature.LAG_168H] = lag(w, t - WEEK);
        int hi = w.upperBound(t);
        int lo24 = w.upperBound(t - DAY);
        int lo168 = w.upperBound(t - WEEK);
        int histHi = hi > w.start() && w.timestamp(hi - 1) == t ? hi - 1 : hi;
        int hourLo = w.lowerBound(floorHour(t));
        int dayLo = w.lowerBound(floorDay(t));
        out[Feature.ROLLING_24H] = w.avg(lo24, hi);
        out[Feature.ROLLING_24H + 1] = w.std(lo24, hi);
        out[Feature.ROLLING_168H] = w.avg(lo168, hi);
        out[Feature.ROLLING_168H + 1] = w.std(lo168, hi);
        out[Feature.HISTORICAL] = w.avg(lo24, histHi);
        out[Feature.HISTORICAL + 1] = w.std(lo24, histHi);
        out[Feature.HOURLY] = w.avg(hourLo, hi);
        out[Feature.HOURLY + 3] = w.std(hourLo, hi);
        out[Feature.HOURLY + 4] = hi - hourLo;
        out[Feature.DAILY] = w.avg(dayLo, hi);
        out[Feature.DAILY + 3] = w.std(dayLo, hi);
        out[Feature.DAILY + 4] = hi - dayLo;
    }

    /** Sets the minima and maxima of a row; {@code historical*} are over (t - 24h, t), NaN when empty. */
    public static void setExtremes(
            double[] out,
            double min24,
            double max24,
            double min168,
            double max168,
            double histMin,
            double histMax,
            double hourMin,
            double hourMax,
            double dayMin,
            double dayMax) {
        out[Feature.ROLLING_24H + 2] = min24;
        out[Feature.ROLLING_24H + 3] = max24;
        out[Feature.ROLLING_168H + 2] = min168;
        out[Feature.ROLLING_168H + 3] = max168;
        out[Feature.HISTORICAL + 2] = histMax;
        out[Feature.HISTORICAL + 3] = histMin;
        out[Feature.HISTORICAL + 4] = histMax - histMin;
        out[Feature.HOURLY + 1] = hourMin;
        out[Feature.HOURLY + 2] = hourMax;
        out[Feature.DAILY + 1] = dayMin;
        out[Feature.DAILY + 2] = dayMax;
    }

    /** All reading features at t by one scan of [t - 168h, t] for the extremes. Weather is left untouched. */
    public static void computeByScan(SeriesWindow w, long t, double[] out) {
        computeSums(w, t, out);
        long cut24 = t - DAY;
        long hourStart = floorHour(t);
        long dayStart = floorDay(t);
        double min24 = Double.NaN, max24 = Double.NaN, min168 = Double.NaN, max168 = Double.NaN;
        double histMin = Double.NaN, histMax = Double.NaN, hourMin = Double.NaN, hourMax = Double.NaN;
        double dayMin = Double.NaN, dayMax = Double.NaN;
        int hi = w.upperBound(t);
        for (int i = w.upperBound(t - WEEK); i < hi; i++) {
            long ts = w.timestamp(i);
            double x = w.value(i);
            min168 = min(min168, x);
            max168 = max(max168, x);
            if (ts > cut24) {
                min24 = min(min24, x);
                max24 = max(max24, x);
                if (ts < t) {
                    histMin = min(histMin, x);
                    histMax = max(histMax, x);
                }
            }
            if (ts >= dayStart) {
                dayMin = min(dayMin, x);
                dayMax = max(dayMax, x);
                if (ts >= hourStart) {
                    hourMin = min(hourMin, x);
                    hourMax = max(hourMax, x);
                }
            }
        }
        setExtremes(out, min24, max24, min168, max168, histMin, histMax, hourMin, hourMax, dayMin, dayMax);
    }

    /** NaN-as-empty minimum. */
    public static double min(double acc, double x) {
        return acc != acc || x < acc ? x : acc;
    }

    /** NaN-as-empty maximum. */
    public static double max(double acc, double x) {
        return acc != acc || x > acc ? x : acc;
    }

    private static double lag(SeriesWindow w, long at) {
        int i = w.upperBound(at) - 1;
        if (i < w.start() || w.timestamp(i) < at - HOUR) {
            return Double.NaN;
        }
        return w.value(i);
    }
}
