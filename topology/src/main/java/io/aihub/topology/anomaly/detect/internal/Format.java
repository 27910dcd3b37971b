package io.aihub.topology.anomaly.detect.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** Numbers in explanations. */
public final class Format {

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Format() {}

    /** A score with two decimals, e.g. {@code 4.50}. */
    public static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /**
     * A value in the series' units with at most six significant digits and no exponent between 1e-6 and 1e15, e.g.
     * {@code 16778}, {@code 45.0312}, {@code 0.00012}.
     */
    public static String value(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (value != 0 && (magnitude < 1e-6 || magnitude >= 1e15)) {
            return rounded.toString();
        }
        return rounded.toPlainString();
    }

    private static final List<String> DAYS =
            List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    /**
     * What a seasonal decomposition expected from: the day and UTC hour of {@code hourOfWeek} (0 = Monday 00:00) with
     * the level and the hour-of-day and hour-of-week terms, e.g. {@code "Tuesday 14:00 UTC: level 52.1, hour of day
     * +3.2, hour of week -0.4"}; or, when the profile does not predict better than the level, the level alone.
     */
    public static String seasonalReason(
            boolean seasonal, int hourOfWeek, double level, double hourOfDayTerm, double hourOfWeekTerm) {
        return seasonal
                ? String.format(
                        Locale.ROOT,
                        "%s %02d:00 UTC: level %s, hour of day %s, hour of week %s",
                        DAYS.get(hourOfWeek / 24),
                        hourOfWeek % 24,
                        value(level),
                        signed(hourOfDayTerm),
                        signed(hourOfWeekTerm))
                : "recent level " + value(level) + "; the hour-of-day and hour-of-week profile does not"
                        + " predict this series better than its level";
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + value(value);
    }
}
