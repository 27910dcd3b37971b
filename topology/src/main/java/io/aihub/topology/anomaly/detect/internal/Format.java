package io.aihub.topology.anomaly.detect.internal;

import java.math.BigDecimal;
import java.math.MathContext;
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
}
