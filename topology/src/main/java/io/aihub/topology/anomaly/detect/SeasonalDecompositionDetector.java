package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.DoubleRing;
import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.SortedWindow;
import io.aihub.topology.anomaly.detect.internal.Spread;
import io.aihub.topology.models.RobustSummary;
import io.aihub.topology.models.SeasonalProfileModel;
import java.util.Arrays;

/**
 * Method {@code prophet_decomposition} (the name is kept for compatibility; there is no Prophet): an additive
 * decomposition learnt online, {@code x = level + daily[hour of day] + weekly[hour of week] + residual} (hours UTC),
 * and the residual's robust scale.
 *
 * <ul>
 *   <li><b>Prediction:</b> the seasonal one, {@code p = level + daily[h] + weekly[w]}, where {@code level} follows the
 *       deseasonalised readings closely; or, while the seasonal prediction has not had a smaller mean absolute error
 *       than it (over the readings so far, then over about {@code dailyMemory} days), the plain level of the readings,
 *       {@code p = plain}. A series without daily or weekly pattern is thus judged against its recent level, not
 *       against a profile of noise. Each error term is capped at {@code clip σ}.
 *   <li><b>Expected:</b> {@code e = p + median(R)}, where R holds the last {@code residualWindow} residuals {@code x -
 *       p}, each taken before its reading was learnt.
 *   <li><b>Spread:</b> {@code σ = σ_R × ratio[h]}. {@code σ_R} is the residuals' robust σ: the larger of {@code 1.4826
 *       MAD(R)} (with the fall-backs of {@code RobustSummary}) and the 10-90% interdecile range over 2.5631; both are σ
 *       for normal residuals, and the second does not collapse when over half the residuals are equal (on/off
 *       series). {@code ratio[h]} is the hour of day's spread relative to {@code σ_R} (1 until learnt): an average of
 *       {@code 1.2533 |r - median(R)| / σ_R}, each term capped at {@code clip × ratio[h]}, so that a series noisier by
 *       day than by night is judged by its own hour.
 *   <li><b>Score:</b> {@code |x - e| / σ}. Expected range: {@code e ± s σ} for the sensitivity s.
 *   <li><b>Learning:</b> the reading is first clipped into {@code e ± clip σ}, so that a spike barely moves the
 *       components (a level shift is still followed, by {@code α clip σ} per reading at first, then faster as the
 *       residual window fills with the shifted residuals and σ grows). The seasonal cells are learnt against a
 *       baseline, the deseasonalised level over about a day ({@code baseline += (x' - daily[h] - weekly[w] -
 *       baseline) / (24 n)}): {@code daily[h] += a (x' - baseline - weekly[w] - daily[h])}, {@code weekly[w] += b (x'
 *       - baseline - daily[h] - weekly[w])}; then {@code level += α (x' - daily[h] - weekly[w] - level)} and {@code
 *       plain += α (x' - plain)}. A cell's rate is {@code 1 / min(updates + n + 1, memory × n)}, with n the readings
 *       per hour (a robust moving average of the intervals between readings, at least 1): at first the mean of its
 *       readings shrunk towards 0 by one cycle's worth, then an exponential average over about {@code dailyMemory}
 *       days (resp. {@code weeklyMemory} weeks), whatever the sampling rate.
 *   <li><b>Warm-up:</b> until {@code minHistory} residuals were collected (the first reading sets the levels). A cell
 *       never visited contributes 0.
 * </ul>
 *
 * <p>State: settings, counters, the levels and error averages, 24 hour-of-day cells (value, spread ratio, two update counts), 168
 * hour-of-week cells (value, update count) and the residual window: {@code 2,707 + 8 * residualWindow} bytes (5,011
 * with the defaults). Layout 2, written only for the decomposition inside {@code seasonal_likelihood}, holds the
 * residuals as float32 ({@code 2,707 + 4 * residualWindow} bytes, 3,859 with the defaults): such a detector rounds each
 * residual to a float before it is recorded, so that its state round-trips exactly.
 */
public final class SeasonalDecompositionDetector extends SeriesDetector<SeasonalDecompositionDetector.Settings>
        implements Detector {

    private static final int VERSION = 1;
    /** The layout with float32 residuals. */
    private static final int FLOAT_RESIDUALS_VERSION = 2;

    private static final DetectionMethod METHOD = DetectionMethod.PROPHET_DECOMPOSITION;
    private static final int HOURS_PER_DAY = 24;
    private static final int HOURS_PER_WEEK = SeasonalProfileModel.HOURS_PER_WEEK;
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    /** Weight of a new interval in the interval estimate, and how far (as a factor) one interval may pull it. */
    private static final double INTERVAL_RATE = 0.05;

    private static final double INTERVAL_CLAMP = 4;
    private static final int MAX_CELL_COUNT = 1 << 30;
    /** The 10-90% interdecile range of the standard normal distribution. */
    private static final double INTERDECILE_PER_SIGMA = 2 * 1.2815515655446004;

    private static final int FIXED_BYTES =
            3 + 4 + 4 + 4 * 8 + 8 + 8 + 8 + 8 + 4 * 8 + 12 * (2 * HOURS_PER_DAY + HOURS_PER_WEEK) + 8;

    /**
     * @param residualWindow how many recent residuals the residual scale is taken over (8 to 100,000; default 288)
     * @param minHistory residuals needed before scoring (4 to {@code residualWindow}; default 30)
     * @param levelAlpha the level's rate per reading (0.001 to 1; default 0.1, about the last 10 readings)
     * @param clip how far, in residual σ, a reading may pull the components (1 to 100; default 3)
     * @param dailyMemory how many days the hour-of-day cells average over (1 to 1,000; default 7)
     * @param weeklyMemory how many weeks the hour-of-week cells average over (1 to 1,000; default 4)
     */
    public record Settings(
            int residualWindow,
            int minHistory,
            double levelAlpha,
            double clip,
            double dailyMemory,
            double weeklyMemory) {

        public static final int DEFAULT_RESIDUAL_WINDOW = 288;
        public static final int DEFAULT_MIN_HISTORY = 30;
        public static final double DEFAULT_LEVEL_ALPHA = 0.1;
        public static final double DEFAULT_CLIP = 3;
        public static final double DEFAULT_DAILY_MEMORY = 7;
        public static final double DEFAULT_WEEKLY_MEMORY = 4;

        public Settings {
            Readings.inRange("residualWindow", residualWindow, 8, 100_000);
            Readings.inRange("minHistory", minHistory, 4, residualWindow);
            Readings.inRange("levelAlpha", levelAlpha, 0.001, 1);
            Readings.inRange("clip", clip, 1, 100);
            Readings.inRange("dailyMemory", dailyMemory, 1, 1000);
            Readings.inRange("weeklyMemory", weeklyMemory, 1, 1000);
        }

        public static Settings defaults() {
            return new Settings(
                    DEFAULT_RESIDUAL_WINDOW,
                    DEFAULT_MIN_HISTORY,
                    DEFAULT_LEVEL_ALPHA,
                    DEFAULT_CLIP,
                    DEFAULT_DAILY_MEMORY,
                    DEFAULT_WEEKLY_MEMORY);
        }
    }

    private final SortedWindow residuals;
    private final double[] daily = new double[HOURS_PER_DAY];
    private final int[] dailyCount = new int[HOURS_PER_DAY];
    private final double[] weekly = new double[HOURS_PER_WEEK];
    private final int[] weeklyCount = new int[HOURS_PER_WEEK];
    /** Per hour of day, the residuals' spread as a multiple of the global scale (1 until learnt). */
    private final double[] spread = new double[HOURS_PER_DAY];

    private final int[] spreadCount = new int[HOURS_PER_DAY];
    private long lastMillis;
    /** Robust moving average of the interval between readings, in ms; 0 until two readings were learnt. */
    private double interval;

    private double level;
    /** The deseasonalised level over about a day, which the seasonal cells are learnt against. */
    private double baseline;
    /** The level of the readings themselves (not deseasonalised), the prediction of the level-only model. */
    private double plainLevel;
    /** Mean absolute one-step errors over about a week: of the level alone, and of the seasonal prediction. */
    private double plainError;

    private double seasonalError;
    /** Residuals are rounded to float32 when recorded, and stored so (layout 2). */
    private boolean floatResiduals;

    private SeasonalDecompositionDetector(Settings settings) {
        super(METHOD, settings);
        this.residuals = new SortedWindow(settings.residualWindow());
        Arrays.fill(spread, 1.0);
    }

    /** A detector with no history. */
    public static SeasonalDecompositionDetector create(Settings settings) {
        return new SeasonalDecompositionDetector(settings);
    }

    /** A detector with the default settings and no history. */
    public static SeasonalDecompositionDetector create() {
        return create(Settings.defaults());
    }

    /**
     * Makes the detector record its residuals as float32, and store them so (layout 2): the residuals held are rounded
     * now, each later one when it is recorded. For the decomposition inside {@code seasonal_likelihood}.
     *
     * @return this detector
     */
    SeasonalDecompositionDetector withFloatResiduals() {
        if (!floatResiduals) {
            floatResiduals = true;
            DoubleRing held = residuals.values();
            double[] values = new double[held.size()];
            held.copyTo(values);
            residuals.clear();
            for (double value : values) {
                residuals.add(toFloat(value));
            }
        }
        return this;
    }

    /** The residual as the nearest float32, within the finite floats. */
    private static double toFloat(double residual) {
        return (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, residual));
    }

    @Override
    public Scored update(long epochMillis, double value, double sensitivity) {
        Readings.finite(value);
        Sensitivity.check(sensitivity);
        if (residuals.size() < settings().minHistory()) {
            Scored warmingUp = Scored.warmingUp(residuals.size(), settings().minHistory(), "residuals");
            step(epochMillis, value, Double.NaN, Double.NaN);
            return warmingUp;
        }
        int hourOfWeek = SeasonalProfileModel.hourOfWeek(epochMillis);
        int hourOfDay = hourOfWeek % HOURS_PER_DAY;
        double center = residuals.median();
        double global = globalScale(center);
        double sigma = global * spread[hourOfDay];
        boolean seasonal = seasonalPredictsBetter();
        double expected = base(hourOfDay, hourOfWeek, seasonal) + center;
        double score = Math.abs(value - expected) / sigma;
        // the state moves on below: the explanation, written later if ever, keeps the values it needs
        double levelNow = seasonal ? level : plainLevel;
        double hourOfDayTerm = daily[hourOfDay];
        double hourOfWeekTerm = weekly[hourOfWeek] + center;
        Scored scored = Scored.of(
                score,
                sensitivity,
                ExpectedRange.around(expected, sigma, sensitivity),
                () -> "Value deviates " + Format.score(score) + " std devs from expected " + Format.value(expected)
                        + " (" + Format.seasonalReason(seasonal, hourOfWeek, levelNow, hourOfDayTerm, hourOfWeekTerm)
                        + "; residual std " + Format.value(sigma) + ")");
        step(epochMillis, value, center, global);
        return scored;
    }

    @Override
    public void learn(long epochMillis, double value) {
        Readings.finite(value);
        if (residuals.size() < settings().minHistory()) {
            step(epochMillis, value, Double.NaN, Double.NaN);
        } else {
            double center = residuals.median();
            step(epochMillis, value, center, globalScale(center));
        }
    }

    /**
     * Learns a reading. With a residual center and global scale (not NaN), the reading is clipped into {@code expected
     * ± clip σ} for the components and the hour's spread ratio learns from it; while warming up (NaN), it is learnt
     * as is. The residual is recorded unclipped.
     */
    private void step(long epochMillis, double value, double center, double global) {
        if (count == 0) {
            level = value;
            baseline = value;
            plainLevel = value;
            lastMillis = epochMillis;
            count = 1;
            return;
        }
        int w = SeasonalProfileModel.hourOfWeek(epochMillis);
        int h = w % HOURS_PER_DAY;
        double perHour = readingsPerHour();
        double seasonalBase = base(h, w, true);
        double base = base(h, w, seasonalPredictsBetter());
        double residual = value - base;
        double x = value;
        double errorCap = Double.POSITIVE_INFINITY;
        if (!Double.isNaN(global)) {
            errorCap = settings().clip() * global * spread[h];
            double band = settings().clip() * global * spread[h];
            x = Math.min(base + center + band, Math.max(base + center - band, value));
            double deviation =
                    Math.min(Math.abs(residual - center) / global, settings().clip() * spread[h]);
            double memory = settings().dailyMemory() * perHour;
            spread[h] +=
                    rate(spreadCount[h] + perHour, memory) * (RobustSummary.MEAN_AD_TO_SIGMA * deviation - spread[h]);
            spreadCount[h] = Math.min(MAX_CELL_COUNT, spreadCount[h] + 1);
        }
        residuals.add(floatResiduals ? toFloat(residual) : residual);
        double dayRate = 1 / Math.max(1, HOURS_PER_DAY * perHour);
        double errorRate = rate(count - 1, settings().dailyMemory() * HOURS_PER_DAY * perHour);
        plainError += errorRate * (Math.min(errorCap, Math.abs(value - plainLevel)) - plainError);
        seasonalError += errorRate * (Math.min(errorCap, Math.abs(value - seasonalBase)) - seasonalError);
        plainLevel += settings().levelAlpha() * (x - plainLevel);
        baseline += dayRate * (x - daily[h] - weekly[w] - baseline);
        daily[h] += rate(dailyCount[h] + perHour, settings().dailyMemory() * perHour)
                * (x - baseline - weekly[w] - daily[h]);
        dailyCount[h] = Math.min(MAX_CELL_COUNT, dailyCount[h] + 1);
        weekly[w] += rate(weeklyCount[w] + perHour, settings().weeklyMemory() * perHour)
                * (x - baseline - daily[h] - weekly[w]);
        weeklyCount[w] = Math.min(MAX_CELL_COUNT, weeklyCount[w] + 1);
        level += settings().levelAlpha() * (x - daily[h] - weekly[w] - level);
        long gap = epochMillis - lastMillis;
        if (gap > 0) {
            interval = interval == 0
                    ? gap
                    : interval
                            + INTERVAL_RATE
                                    * (Math.min(interval * INTERVAL_CLAMP, Math.max(interval / INTERVAL_CLAMP, gap))
                                            - interval);
            lastMillis = epochMillis;
        }
        count++;
    }

    /**
     * The residuals' σ over the window: the larger of {@code 1.4826 MAD} (with the usual fall-backs) and the
     * interdecile range over 2.5631 (both are σ for normal residuals; the second does not collapse when over half the
     * residuals are equal, as on on/off series).
     */
    private double globalScale(double center) {
        double mad = residuals.medianAbsDeviation(center);
        double robust = Spread.robust(center, mad, residuals.meanAbsDeviation(center));
        return Math.max(robust, (residuals.quantile(0.9) - residuals.quantile(0.1)) / INTERDECILE_PER_SIGMA);
    }

    /**
     * The seasonal prediction has had a smaller mean absolute error than the level alone: over the readings so far, then
     * over about the last {@code dailyMemory} days.
     */
    private boolean seasonalPredictsBetter() {
        return seasonalError < plainError;
    }

    /** The prediction before the residuals' median: seasonal, or the plain level. */
    private double base(int hourOfDay, int hourOfWeek, boolean seasonal) {
        return seasonal ? level + daily[hourOfDay] + weekly[hourOfWeek] : plainLevel;
    }

    private double readingsPerHour() {
        return interval > 0 ? Math.max(1, MILLIS_PER_HOUR / interval) : 1;
    }

    private static double rate(double updates, double memory) {
        return 1 / Math.min(updates + 1.0, Math.max(1, memory));
    }

    @Override
    public byte[] toBytes() {
        var out = stateWriter(
                        floatResiduals ? FLOAT_RESIDUALS_VERSION : VERSION,
                        FIXED_BYTES + (floatResiduals ? 4 : 8) * settings().residualWindow())
                .writeInt(settings().residualWindow())
                .writeInt(settings().minHistory())
                .writeDouble(settings().levelAlpha())
                .writeDouble(settings().clip())
                .writeDouble(settings().dailyMemory())
                .writeDouble(settings().weeklyMemory())
                .writeLong(count)
                .writeLong(lastMillis)
                .writeDouble(interval)
                .writeDouble(level)
                .writeDouble(baseline)
                .writeDouble(plainLevel)
                .writeDouble(plainError)
                .writeDouble(seasonalError);
        for (int h = 0; h < HOURS_PER_DAY; h++) {
            out.writeDouble(daily[h])
                    .writeInt(dailyCount[h])
                    .writeDouble(spread[h])
                    .writeInt(spreadCount[h]);
        }
        for (int w = 0; w < HOURS_PER_WEEK; w++) {
            out.writeDouble(weekly[w]).writeInt(weeklyCount[w]);
        }
        return (floatResiduals ? out.writeFloatRing(residuals.values()) : out.writeRing(residuals.values()))
                .toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not a {@code prophet_decomposition} state
     */
    public static SeasonalDecompositionDetector fromBytes(byte[] bytes) {
        var in = stateReader(bytes, METHOD, FLOAT_RESIDUALS_VERSION);
        int residualWindow = in.readInt("residualWindow");
        int minHistory = in.readInt("minHistory");
        double levelAlpha = in.readFinite("levelAlpha");
        double clip = in.readFinite("clip");
        double dailyMemory = in.readFinite("dailyMemory");
        double weeklyMemory = in.readFinite("weeklyMemory");
        var detector = new SeasonalDecompositionDetector(
                in.check(() -> new Settings(residualWindow, minHistory, levelAlpha, clip, dailyMemory, weeklyMemory)));
        detector.count = in.readLong("count");
        detector.lastMillis = in.readLong("lastMillis");
        detector.interval = in.readFinite("interval");
        detector.level = in.readFinite("level");
        detector.baseline = in.readFinite("baseline");
        detector.plainLevel = in.readFinite("plainLevel");
        detector.plainError = in.readFinite("plainError");
        detector.seasonalError = in.readFinite("seasonalError");
        for (int h = 0; h < HOURS_PER_DAY; h++) {
            detector.daily[h] = in.readFinite("daily cell " + h);
            detector.dailyCount[h] = in.readInt("daily cell count " + h, 0, MAX_CELL_COUNT);
            detector.spread[h] = in.readFinite("spread ratio " + h);
            detector.spreadCount[h] = in.readInt("spread ratio count " + h, 0, MAX_CELL_COUNT);
            if (!(detector.spread[h] > 0)) {
                throw in.corrupt("spread ratio " + h + " is not positive: " + detector.spread[h]);
            }
        }
        for (int w = 0; w < HOURS_PER_WEEK; w++) {
            detector.weekly[w] = in.readFinite("weekly cell " + w);
            detector.weeklyCount[w] = in.readInt("weekly cell count " + w, 0, MAX_CELL_COUNT);
        }
        if (in.version() == FLOAT_RESIDUALS_VERSION) {
            detector.floatResiduals = true;
            in.readFloatWindow("residuals", detector.residuals);
        } else {
            in.readWindow("residuals", detector.residuals);
        }
        in.expectEnd();
        if (detector.count < 0 || detector.interval < 0 || detector.count < detector.residuals.size()) {
            throw in.corrupt("count " + detector.count + ", interval " + detector.interval + " and "
                    + detector.residuals.size() + " residuals do not agree");
        }
        return detector;
    }
}
