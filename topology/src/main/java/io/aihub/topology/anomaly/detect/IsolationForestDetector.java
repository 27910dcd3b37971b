package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.ForestHistory;
import io.aihub.topology.anomaly.detect.internal.Format;
import io.aihub.topology.anomaly.detect.internal.StateReader;
import io.aihub.topology.anomaly.detect.internal.StateWriter;
import io.aihub.topology.anomaly.detect.internal.TailCalibration;
import io.aihub.topology.models.IsolationForestModel;
import java.util.List;
import java.util.Locale;

/**
 * Method {@code isolation_forest} over one series: the rows are {@code [value, value - previous value]} (the first
 * reading's difference is 0), so that both unusual values and unusual jumps isolate quickly. The forest, its retraining
 * schedule and the score are those of {@link MultivariateForestDetector}, which scores rows of a device's metrics.
 *
 * <p>State: settings, seed, count, the previous value and the last {@code history + retrainEvery} rows: {@code 56 + 16
 * * (history + retrainEvery)} bytes (10,296 with the defaults); the forest itself is not stored but retrained from
 * those rows when first needed after a restore.
 */
public final class IsolationForestDetector implements Detector {

    /** The names of the row values of a single series. */
    public static final List<String> FEATURES = List.of("value", "delta");

    static final int VERSION = 1;
    static final int UNIVARIATE = 1;
    static final int MULTIVARIATE = 2;
    private static final DetectionMethod METHOD = DetectionMethod.ISOLATION_FOREST;

    /**
     * @param history how many recent rows a forest is trained on (at most; 2 to 100,000; default 512)
     * @param retrainEvery rows between two trainings (1 to 100,000; default 128)
     * @param minTraining rows learnt before the first forest (2 to {@code history}; default 100, the reference's
     *     {@code MIN_TRAINING_SAMPLES}); until then readings are warming up
     * @param trees trees per forest (1 to 1,000; default 100)
     */
    public record Settings(int history, int retrainEvery, int minTraining, int trees) {

        public static final int DEFAULT_HISTORY = 512;
        public static final int DEFAULT_RETRAIN_EVERY = 128;
        public static final int DEFAULT_MIN_TRAINING = 100;
        public static final int DEFAULT_TREES = 100;

        public Settings {
            Readings.inRange("history", history, 2, 100_000);
            Readings.inRange("retrainEvery", retrainEvery, 1, 100_000);
            Readings.inRange("minTraining", minTraining, 2, history);
            Readings.inRange("trees", trees, 1, 1000);
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_HISTORY, DEFAULT_RETRAIN_EVERY, DEFAULT_MIN_TRAINING, DEFAULT_TREES);
        }

        void write(StateWriter out) {
            out.writeInt(history).writeInt(retrainEvery).writeInt(minTraining).writeInt(trees);
        }

        static Settings read(StateReader in) {
            int history = in.readInt("history");
            int retrainEvery = in.readInt("retrainEvery");
            int minTraining = in.readInt("minTraining");
            int trees = in.readInt("trees");
            return in.check(() -> new Settings(history, retrainEvery, minTraining, trees));
        }

        ForestHistory newHistory(List<String> featureNames, long seed) {
            return new ForestHistory(featureNames, history, retrainEvery, minTraining, trees, seed);
        }

        ForestHistory readHistory(StateReader in, List<String> featureNames) {
            return ForestHistory.read(in, featureNames, history, retrainEvery, minTraining, trees);
        }
    }

    private final Settings settings;
    private final ForestHistory forest;
    private final double[] row = new double[2];
    private double previous;

    private IsolationForestDetector(Settings settings, ForestHistory forest) {
        this.settings = settings;
        this.forest = forest;
    }

    /** A detector with no history; the seed makes its forests reproducible. */
    public static IsolationForestDetector create(Settings settings, long seed) {
        return new IsolationForestDetector(settings, settings.newHistory(FEATURES, seed));
    }

    /** A detector with the default settings and no history. */
    public static IsolationForestDetector create(long seed) {
        return create(Settings.defaults(), seed);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String method() {
        return METHOD.id();
    }

    @Override
    public long count() {
        return forest.count();
    }

    @Override
    public Scored update(long epochMillis, double value, double sensitivity) {
        Readings.finite(value);
        Sensitivity.check(sensitivity);
        fillRow(value);
        Scored scored = score(forest, row, sensitivity);
        forest.learn(row);
        previous = value;
        return scored;
    }

    @Override
    public void learn(long epochMillis, double value) {
        Readings.finite(value);
        fillRow(value);
        forest.learn(row);
        previous = value;
    }

    private void fillRow(double value) {
        row[0] = value;
        row[1] = forest.count() == 0 ? 0 : value - previous;
    }

    /** Scores a row against the forest in use (see {@link MultivariateForestDetector} for the score). */
    static Scored score(ForestHistory forest, double[] row, double sensitivity) {
        IsolationForestModel model = forest.model();
        if (model == null) {
            return Scored.warmingUp(forest.count(), forest.minTraining(), "readings");
        }
        double raw = model.score(row);
        TailCalibration calibration = forest.calibration();
        double rarity = calibration.deviation(raw);
        int[] farthest = new int[1];
        double outsideZ = forest.outsideRange(row, farthest);
        double score = Math.max(rarity, outsideZ);
        String outsideName = farthest[0] >= 0 ? forest.featureNames().get(farthest[0]) : null;
        long trainingReadings = calibration.count();
        double median = calibration.median();
        int trees = model.trees();
        return Scored.of(
                score,
                sensitivity,
                null,
                () -> String.format(
                        Locale.ROOT,
                        "Row deviates %s std devs from expected: its isolation forest score %.3f is as rare as %s"
                                + " among the %d training readings' (median %.3f, %d trees)%s",
                        Format.score(Math.min(score, Scored.MAX_SCORE)),
                        raw,
                        Format.score(rarity),
                        trainingReadings,
                        median,
                        trees,
                        outsideName == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; %s is outside the training range, %s std devs from its median",
                                        outsideName,
                                        Format.score(Math.min(outsideZ, Scored.MAX_SCORE)))));
    }

    @Override
    public byte[] toBytes() {
        var out = new StateWriter(METHOD.tag(), VERSION, 56 + 16 * (settings.history() + settings.retrainEvery()))
                .writeByte(UNIVARIATE);
        settings.write(out);
        forest.write(out);
        return out.writeDouble(previous).toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not the state of a single series' isolation forest
     */
    public static IsolationForestDetector fromBytes(byte[] bytes) {
        var in = new StateReader(bytes, METHOD.id(), METHOD.tag(), VERSION);
        int mode = in.readByte("mode");
        if (mode != UNIVARIATE) {
            throw in.corrupt("the state is a multivariate forest's (read it with MultivariateForestDetector)");
        }
        Settings settings = Settings.read(in);
        var detector = new IsolationForestDetector(settings, settings.readHistory(in, FEATURES));
        detector.previous = in.readFinite("previous");
        in.expectEnd();
        return detector;
    }
}
