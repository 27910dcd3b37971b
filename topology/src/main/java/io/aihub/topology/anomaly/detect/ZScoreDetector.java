package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.DoubleRing;
import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.Spread;
import io.aihub.topology.anomaly.detect.internal.StateReader;

/**
 * Method {@code z_score}: how many standard deviations a reading is from the mean of the last {@code window} readings,
 * {@code |x - mean| / std} (sample standard deviation; when it is 0 the spread floor {@code 1e-9 * max(1, |mean|)}).
 * Warming up until {@code minHistory} readings were learned.
 *
 * <p>State: the settings, the count and the window's values: {@code 27 + 8 * window} bytes (2,331 with the defaults).
 */
public final class ZScoreDetector extends WindowDetector<ZScoreDetector.Settings> implements Detector {

    private static final DetectionMethod METHOD = DetectionMethod.Z_SCORE;

    /**
     * @param window how many recent readings the mean and deviation are taken over (2 to 100,000; default 288, a day
     *     of 5-minute readings)
     * @param minHistory readings needed before scoring (2 to {@code window}; default 30)
     */
    public record Settings(int window, int minHistory) implements WindowSettings {

        public static final int DEFAULT_WINDOW = 288;
        public static final int DEFAULT_MIN_HISTORY = 30;
        public static final int MAX_WINDOW = 100_000;

        public Settings {
            Readings.inRange("window", window, 2, MAX_WINDOW);
            Readings.inRange("minHistory", minHistory, 2, window);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_MIN_HISTORY);
        }
    }

    private final DoubleRing window;

    private ZScoreDetector(Settings settings) {
        super(METHOD, settings);
        this.window = new DoubleRing(settings.window());
    }

    /** A detector with no history. */
    public static ZScoreDetector create(Settings settings) {
        return new ZScoreDetector(settings);
    }

    /** A detector with the default settings and no history. */
    public static ZScoreDetector create() {
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
        return window;
    }

    @Override
    void readValues(StateReader in, String field) {
        in.readRing(field, window);
    }

    @Override
    Scored score(double value, double sensitivity) {
        int n = window.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += window.get(i);
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = window.get(i) - mean;
            squares += d * d;
        }
        double std = Spread.orFloor(Math.sqrt(squares / (n - 1)), mean);
        double score = Math.abs(value - mean) / std;
        return Scored.of(
                score,
                sensitivity,
                ExpectedRange.around(mean, std, sensitivity),
                () -> "Value deviates " + Format.score(score) + " std devs from expected (mean " + Format.value(mean)
                        + ", std " + Format.value(std) + " of the last " + n + " readings)");
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not a {@code z_score} state
     */
    public static ZScoreDetector fromBytes(byte[] bytes) {
        return fromBytes(bytes, METHOD, (window, minHistory) -> create(new Settings(window, minHistory)));
    }
}
