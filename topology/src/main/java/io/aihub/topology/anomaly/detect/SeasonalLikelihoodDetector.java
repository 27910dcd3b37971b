package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.ScoreAverages;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Method {@code seasonal_likelihood}: {@code prophet_decomposition}'s scores, read as a stream, with one alert per
 * episode. Built for telemetry whose anomalies are episodes (a failing machine, a stuck sensor, a load change) rather
 * than single readings.
 *
 * <ol>
 *   <li><b>Reading score:</b> the seasonal decomposition's score of the reading ({@link SeasonalDecompositionDetector},
 *       default settings), capped at {@code cap} σ, so one reading cannot outweigh a whole window.
 *   <li><b>Score:</b> the average of the last {@code shortWindow} reading scores, in standard deviations above the mean
 *       of that average over about the last {@code longWindow} readings ({@link ScoreAverages}: exponentially weighted
 *       moments, as old on average as the averages of a window of {@code longWindow}; the plain mean and variance of
 *       all the averages until about half as many were learnt): a one-sided z of the recent average against its own
 *       history, so "standard deviations from expected" still, of the recent average rather than of the reading.
 *       Sustained small departures and single large ones both raise it; a series that is always noisy does not.
 *   <li><b>Episodes:</b> after a reading is reported as an anomaly, the series' scores are held just below the
 *       sensitivity for {@code refractory} (event time), so an episode raises one alert, not one per reading.
 * </ol>
 *
 * <p>No expected range: the score is about the recent readings, not about this reading's value. Warm-up: the seasonal
 * decomposition's 31 readings, then {@code minHistory} scored readings.
 *
 * <p>State (layout 2): the settings, the alert time, the seasonal decomposition's own state with its residuals as
 * float32 (each residual is rounded to a float when recorded, so the state round-trips exactly), the short window and
 * the moments: {@code 2,798 + 4 * residualWindow + 8 * shortWindow} bytes, 4,030 with the defaults (residualWindow
 * being the seasonal decomposition's 288), whatever {@code longWindow}. A layout 1 state (which held the last {@code
 * longWindow} averages themselves, 21,310 bytes) is still read: its averages become the moments, its residuals are
 * rounded to floats.
 */
public final class SeasonalLikelihoodDetector extends SeriesDetector<SeasonalLikelihoodDetector.Settings>
        implements Detector {

    /** Layout 1 kept the long window's averages; layout 2 keeps their moments and float32 residuals. */
    private static final int WINDOWED_VERSION = 1;

    private static final int VERSION = 2;
    private static final DetectionMethod METHOD = DetectionMethod.SEASONAL_LIKELIHOOD;
    private static final long NEVER = Long.MIN_VALUE;
    private static final long MILLIS_PER_MINUTE = 60_000L;

    /**
     * @param shortWindow how many reading scores are averaged (2 to 10,000; default 10)
     * @param longWindow over about how many readings the average's distribution is taken, the memory of its moments
     *     (10 to 100,000; default 2,016, a week of 5-minute readings)
     * @param minHistory scored readings needed before scoring (10 to {@code longWindow}; default 100)
     * @param cap the largest reading score averaged (1 to 1,000; default 10)
     * @param refractoryMillis how long after a reported anomaly the series' scores are held below the sensitivity (0
     *     to 30 days; default 6 hours; 0 reports every reading that reaches it)
     */
    public record Settings(int shortWindow, int longWindow, int minHistory, double cap, long refractoryMillis) {

        public static final int DEFAULT_SHORT_WINDOW = 10;
        public static final int DEFAULT_LONG_WINDOW = 2016;
        public static final int DEFAULT_MIN_HISTORY = 100;
        public static final double DEFAULT_CAP = 10;
        public static final long DEFAULT_REFRACTORY_MILLIS = 6 * 3_600_000L;
        private static final long MAX_REFRACTORY_MILLIS = 30 * 24 * 3_600_000L;

        public Settings {
            Readings.inRange("shortWindow", shortWindow, 2, 10_000);
            Readings.inRange("longWindow", longWindow, 10, 100_000);
            Readings.inRange("minHistory", minHistory, 10, longWindow);
            Readings.inRange("cap", cap, 1, 1000);
            if (refractoryMillis < 0 || refractoryMillis > MAX_REFRACTORY_MILLIS) {
                throw new IllegalArgumentException("refractoryMillis must be between 0 and " + MAX_REFRACTORY_MILLIS
                        + ", was " + refractoryMillis);
            }
        }

        public static Settings defaults() {
            return new Settings(
                    DEFAULT_SHORT_WINDOW,
                    DEFAULT_LONG_WINDOW,
                    DEFAULT_MIN_HISTORY,
                    DEFAULT_CAP,
                    DEFAULT_REFRACTORY_MILLIS);
        }
    }

    private final SeasonalDecompositionDetector readings;
    private final ScoreAverages averages;
    /** Event time of the last reported anomaly, {@link #NEVER} if none. */
    private long alertMillis = NEVER;

    private SeasonalLikelihoodDetector(Settings settings, SeasonalDecompositionDetector readings) {
        super(METHOD, settings);
        this.readings = readings;
        this.averages = new ScoreAverages(settings.shortWindow(), settings.longWindow());
    }

    /** A detector with no history. */
    public static SeasonalLikelihoodDetector create(Settings settings) {
        return new SeasonalLikelihoodDetector(
                settings, SeasonalDecompositionDetector.create().withFloatResiduals());
    }

    /** A detector with the default settings and no history. */
    public static SeasonalLikelihoodDetector create() {
        return create(Settings.defaults());
    }

    @Override
    public Scored update(long epochMillis, double value, double sensitivity) {
        Readings.finite(value);
        Sensitivity.check(sensitivity);
        count++;
        Scored reading = readings.update(epochMillis, value, sensitivity);
        if (reading.warmingUp()) {
            return reading;
        }
        long history = averages.history();
        double mean = averages.mean();
        double std = averages.std();
        double deviate = averages.deviate(Math.min(settings().cap(), reading.score()));
        double recent = averages.recentAverage();
        averages.learn();
        if (history < settings().minHistory()) {
            return Scored.warmingUp(history, settings().minHistory(), "scored readings");
        }
        int shortWindow = settings().shortWindow();
        Supplier<String> why = () -> "Recent readings deviate " + Format.score(deviate)
                + " std devs from expected (their average score " + Format.score(recent) + " over the last "
                + shortWindow + " readings, usually " + Format.score(mean) + " ± " + Format.score(std)
                + "); this reading: " + reading.explanation();
        if (deviate >= sensitivity) {
            if (alertMillis != NEVER && epochMillis - alertMillis < settings().refractoryMillis()) {
                long alertedAt = alertMillis;
                long resumeMinutes = settings().refractoryMillis() / MILLIS_PER_MINUTE;
                return Scored.of(
                        Math.nextDown(sensitivity),
                        sensitivity,
                        null,
                        () -> "Held back (" + Format.score(deviate) + " std devs): part of the anomaly reported at "
                                + Instant.ofEpochMilli(alertedAt) + "; alerts resume " + resumeMinutes
                                + " minutes after it. " + why.get());
            }
            alertMillis = epochMillis;
        }
        return Scored.of(deviate, sensitivity, null, why);
    }

    @Override
    public void learn(long epochMillis, double value) {
        Readings.finite(value);
        count++;
        Scored reading = readings.update(epochMillis, value, Sensitivity.DEFAULT);
        if (!reading.warmingUp()) {
            averages.deviate(Math.min(settings().cap(), reading.score()));
            averages.learn();
        }
    }

    @Override
    public byte[] toBytes() {
        byte[] inner = readings.toBytes();
        var out = stateWriter(VERSION, 64 + ScoreAverages.bytes(settings().shortWindow()) + inner.length)
                .writeInt(settings().shortWindow())
                .writeInt(settings().longWindow())
                .writeInt(settings().minHistory())
                .writeDouble(settings().cap())
                .writeLong(settings().refractoryMillis())
                .writeLong(count)
                .writeLong(alertMillis)
                .writeBytes(inner);
        averages.write(out);
        return out.toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}, or by the earlier layout 1 (see the class comment).
     *
     * @throws DetectorStateException if the bytes are not a {@code seasonal_likelihood} state
     */
    public static SeasonalLikelihoodDetector fromBytes(byte[] bytes) {
        var in = stateReader(bytes, METHOD, VERSION);
        int version = in.version();
        int shortWindow = in.readInt("shortWindow");
        int longWindow = in.readInt("longWindow");
        int minHistory = in.readInt("minHistory");
        double cap = in.readFinite("cap");
        long refractoryMillis = in.readLong("refractoryMillis");
        Settings settings = in.check(() -> new Settings(shortWindow, longWindow, minHistory, cap, refractoryMillis));
        long count = in.readLong("count");
        long alertMillis = in.readLong("alertMillis");
        byte[] inner = in.readBytes("prophet_decomposition state");
        var detector = new SeasonalLikelihoodDetector(
                settings, SeasonalDecompositionDetector.fromBytes(inner).withFloatResiduals());
        detector.count = count;
        detector.alertMillis = alertMillis;
        if (version == WINDOWED_VERSION) {
            detector.averages.readWindowed(in, longWindow);
        } else {
            detector.averages.read(in);
        }
        in.expectEnd();
        if (detector.readings.count() != count || detector.averages.history() > count) {
            throw in.corrupt("count " + count + " does not match the readings learnt (" + detector.readings.count()
                    + ") and averaged (" + detector.averages.history() + ")");
        }
        return detector;
    }
}
