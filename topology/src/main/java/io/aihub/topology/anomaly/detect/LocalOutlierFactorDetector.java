package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.LocalOutlierFactors;
import io.aihub.topology.anomaly.detect.internal.RowRing;
import io.aihub.topology.anomaly.detect.internal.Spread;
import io.aihub.topology.anomaly.detect.internal.TailCalibration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Method {@code local_outlier_factor}: the exact LOF (Breunig et al. 2000, see {@code LocalOutlierFactors}) of a
 * reading against the last {@code window} readings, with {@code k} neighbours.
 *
 * <ul>
 *   <li><b>Points:</b> {@code [value, value - previous value]} (the first reading's difference is 0), each coordinate
 *       divided by its robust σ over the window (1.4826 MAD, with the usual fall-backs), so distances are in σ units
 *       and a jump counts as much as an unusual value.
 *   <li><b>Score:</b> the LOF of the reading as a new point (its neighbours' densities are those within the window,
 *       without it), read by its rarity among the LOFs of the window's own points: the two-sided normal deviate of its
 *       tail probability ({@code TailCalibration}: empirical below the window's 90th percentile LOF, an exponential
 *       tail fitted to the LOFs above it beyond). So a factor as rare, for this series, as a 3 σ reading of a normal
 *       series scores about 3, and clean data gives well under 1% of scores of 3 or more. No expected range in the
 *       series' units.
 *   <li><b>Duplicates:</b> a mean reachability distance below {@value #MIN_REACH} σ counts as {@value #MIN_REACH} σ.
 *   <li><b>Warm-up:</b> until {@code minHistory} readings were learnt (default 64).
 * </ul>
 *
 * <p>State: settings, count, the previous value and the window's points: {@code 43 + 16 * window} bytes (4,139 with
 * the defaults). Scoring costs O(window²) time; the working arrays are per thread, not per series. With the defaults
 * a score takes about 1 ms (a search of the k nearest neighbours of all 257 points, pruned along the first
 * coordinate).
 */
public final class LocalOutlierFactorDetector extends SeriesDetector<LocalOutlierFactorDetector.Settings>
        implements Detector {

    /** The floor of a mean reachability distance, in robust σ of the coordinates. */
    public static final double MIN_REACH = 0.01;

    private static final int VERSION = 1;
    private static final int DIMS = 2;
    private static final DetectionMethod METHOD = DetectionMethod.LOCAL_OUTLIER_FACTOR;

    /**
     * @param window how many recent readings the reading is compared with (k + 1 to 2,048; default 256)
     * @param k neighbours (1 to 256; default 20)
     * @param minHistory readings needed before scoring (k + 1 to {@code window}; default 64)
     */
    public record Settings(int window, int k, int minHistory) {

        public static final int DEFAULT_WINDOW = 256;
        public static final int DEFAULT_K = 20;
        public static final int DEFAULT_MIN_HISTORY = 64;

        public Settings {
            Readings.inRange("k", k, 1, 256);
            Readings.inRange("window", window, k + 1, 2048);
            Readings.inRange("minHistory", minHistory, k + 1, window);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_K, DEFAULT_MIN_HISTORY);
        }
    }

    private final RowRing window;
    private final double[] row = new double[DIMS];
    private double previous;

    private LocalOutlierFactorDetector(Settings settings) {
        super(METHOD, settings);
        this.window = new RowRing(settings.window(), DIMS);
    }

    /** A detector with no history. */
    public static LocalOutlierFactorDetector create(Settings settings) {
        return new LocalOutlierFactorDetector(settings);
    }

    /** A detector with the default settings and no history. */
    public static LocalOutlierFactorDetector create() {
        return create(Settings.defaults());
    }

    @Override
    public Scored update(long epochMillis, double value, double sensitivity) {
        Readings.finite(value);
        Sensitivity.check(sensitivity);
        fillRow(value);
        Scored scored = window.size() < settings().minHistory()
                ? Scored.warmingUp(window.size(), settings().minHistory(), "readings")
                : score(sensitivity);
        window.add(row);
        previous = value;
        count++;
        return scored;
    }

    @Override
    public void learn(long epochMillis, double value) {
        Readings.finite(value);
        fillRow(value);
        window.add(row);
        previous = value;
        count++;
    }

    private void fillRow(double value) {
        row[0] = value;
        row[1] = count == 0 ? 0 : value - previous;
    }

    private Scored score(double sensitivity) {
        int m = window.size();
        var kernel = LocalOutlierFactors.forThread(settings().k(), settings().window(), DIMS, MIN_REACH);
        double[] points = kernel.points();
        for (int i = 0; i < m; i++) {
            window.copyRow(i, points, i * DIMS);
        }
        double[] query = kernel.query();
        System.arraycopy(row, 0, query, 0, DIMS);
        standardise(points, m, query, kernel.scratch());
        double lof = kernel.compute(points, m, query);
        double[] factors = kernel.scratch();
        for (int i = 0; i < m; i++) {
            factors[i] = kernel.factor(i);
        }
        TailCalibration calibration = kernel.calibration().fit(factors, m);
        double score = calibration.deviation(lof);
        // the calibration is the thread's scratch: keep what the explanation needs now
        double median = calibration.median();
        int k = settings().k();
        return Scored.of(
                score,
                sensitivity,
                null,
                () -> String.format(
                        Locale.ROOT,
                        "Local outlier factor %s is as rare as %s std devs from expected among the factors of the last"
                                + " %d readings (median %s; k = %d)",
                        Format.value(lof),
                        Format.score(Math.min(score, Scored.MAX_SCORE)),
                        m,
                        Format.value(median),
                        k));
    }

    /** Divides each coordinate, of the window points and the query, by the coordinate's robust σ over the window. */
    private static void standardise(double[] points, int m, double[] query, double[] column) {
        for (int c = 0; c < DIMS; c++) {
            for (int i = 0; i < m; i++) {
                column[i] = points[i * DIMS + c];
            }
            Arrays.sort(column, 0, m);
            double median = median(column, m);
            double sum = 0;
            for (int i = 0; i < m; i++) {
                column[i] = Math.abs(column[i] - median);
                sum += column[i];
            }
            Arrays.sort(column, 0, m);
            double sigma = Spread.robust(median, median(column, m), sum / m);
            for (int i = 0; i < m; i++) {
                points[i * DIMS + c] = (points[i * DIMS + c] - median) / sigma;
            }
            query[c] = (query[c] - median) / sigma;
        }
    }

    private static double median(double[] sorted, int n) {
        int mid = n >>> 1;
        return (n & 1) == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    @Override
    public byte[] toBytes() {
        var out = stateWriter(VERSION, 43 + 16 * settings().window())
                .writeInt(settings().window())
                .writeInt(settings().k())
                .writeInt(settings().minHistory())
                .writeLong(count)
                .writeDouble(previous);
        window.write(out);
        return out.toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not a {@code local_outlier_factor} state
     */
    public static LocalOutlierFactorDetector fromBytes(byte[] bytes) {
        var in = stateReader(bytes, METHOD, VERSION);
        int windowSize = in.readInt("window");
        int k = in.readInt("k");
        int minHistory = in.readInt("minHistory");
        var detector = new LocalOutlierFactorDetector(in.check(() -> new Settings(windowSize, k, minHistory)));
        detector.count = in.readLong("count");
        detector.previous = in.readFinite("previous");
        detector.window.read(in, "window");
        in.expectEnd();
        detector.checkCountCovers(in, detector.window.size());
        return detector;
    }
}
