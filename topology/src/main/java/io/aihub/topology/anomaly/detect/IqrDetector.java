package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.DoubleRing;
import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.SortedWindow;
import io.aihub.topology.anomaly.detect.internal.Spread;
import io.aihub.topology.anomaly.detect.internal.StateReader;

/**
 * Method {@code iqr}: Tukey's box over the last {@code window} readings, with exact quartiles (type 7 interpolation).
 * The spread is {@code σ = IQR / 1.349} (the interquartile range of a normal distribution is 1.349 σ). A reading
 * inside the box {@code [Q1, Q3]} scores 0; outside, {@code 0.6745 + (x - Q3) / σ} above and {@code 0.6745 + (Q1 -
 * x) / σ} below, 0.6745 σ being the distance from the median to a quartile of a normal distribution. So on normal
 * data a reading k σ from the median scores k, Tukey's inner fence ({@code Q3 + 1.5 IQR}) scores 2.70 and his outer
 * fence ({@code Q3 + 3 IQR}) 4.72. When the IQR is 0, σ falls back to {@code 1.2533 *} the mean absolute deviation from
 * the median, then to the floor {@code 1e-9 * max(1, |median|)}.
 *
 * <p>The expected range is the fence at the sensitivity s: {@code [Q1 - (s - 0.6745) σ, Q3 + (s - 0.6745) σ]}, with
 * the median as mean and σ as std. Warming up until {@code minHistory} readings were learned.
 *
 * <p>State: the settings, the count and the window's values: {@code 27 + 8 * window} bytes (2,331 with the defaults).
 */
public final class IqrDetector extends WindowDetector<IqrDetector.Settings> implements Detector {

    /** The third quartile of the standard normal distribution. */
    public static final double Z_75 = 0.6744897501960817;
    /** The interquartile range of the standard normal distribution, {@code 2 * Z_75}. */
    public static final double IQR_PER_SIGMA = 2 * Z_75;

    private static final DetectionMethod METHOD = DetectionMethod.IQR;

    /**
     * @param window how many recent readings the quartiles are taken over (4 to 100,000; default 288)
     * @param minHistory readings needed before scoring (4 to {@code window}; default 30)
     */
    public record Settings(int window, int minHistory) implements WindowSettings {

        public static final int DEFAULT_WINDOW = 288;
        public static final int DEFAULT_MIN_HISTORY = 30;
        public static final int MAX_WINDOW = 100_000;

        public Settings {
            Readings.inRange("window", window, 4, MAX_WINDOW);
            Readings.inRange("minHistory", minHistory, 4, window);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_MIN_HISTORY);
        }
    }

    private final SortedWindow window;

    private IqrDetector(Settings settings) {
        super(METHOD, settings);
        this.window = new SortedWindow(settings.window());
    }

    /** A detector with no history. */
    public static IqrDetector create(Settings settings) {
        return new IqrDetector(settings);
    }

    /** A detector with the default settings and no history. */
    public static IqrDetector create() {
        return create(Settings.defaults());
    }

    @Override
    int held() {
        return window.size();
    }

    @Override
    void add(double value) {
        window.add(value);
    }

    @Override
    DoubleRing values() {
        return window.values();
    }

    @Override
    void readValues(StateReader in, String field) {
        in.readWindow(field, window);
    }

    @Override
    Scored score(double value, double sensitivity) {
        int n = window.size();
        double q1 = window.quantile(0.25);
        double q3 = window.quantile(0.75);
        double median = window.median();
        double iqr = q3 - q1;
        double sigma = iqr > 0 ? iqr / IQR_PER_SIGMA : Spread.robust(median, 0, window.meanAbsDeviation(median));
        double score = value > q3 ? Z_75 + (value - q3) / sigma : value < q1 ? Z_75 + (q1 - value) / sigma : 0;
        double reach = (sensitivity - Z_75) * sigma;
        return Scored.of(
                score,
                sensitivity,
                new ExpectedRange(q1 - reach, q3 + reach, median, sigma),
                () -> "Value deviates " + Format.score(score) + " std devs from expected: " + where(value, q1, q3)
                        + " (IQR " + Format.value(iqr) + " of the last " + n + " readings)");
    }

    private static String where(double value, double q1, double q3) {
        if (value > q3) {
            return Format.value(value - q3) + " above the upper quartile " + Format.value(q3);
        }
        if (value < q1) {
            return Format.value(q1 - value) + " below the lower quartile " + Format.value(q1);
        }
        return "inside the quartiles [" + Format.value(q1) + ", " + Format.value(q3) + "]";
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not an {@code iqr} state
     */
    public static IqrDetector fromBytes(byte[] bytes) {
        return fromBytes(bytes, METHOD, (window, minHistory) -> create(new Settings(window, minHistory)));
    }
}
