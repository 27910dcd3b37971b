package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.ForestHistory;
import io.aihub.topology.anomaly.detect.internal.StateReader;
import io.aihub.topology.anomaly.detect.internal.StateWriter;
import io.aihub.topology.models.internal.FeatureNameRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Method {@code isolation_forest} over rows of a device's metrics (named, one value each), score-then-learn like every
 * {@link Detector}.
 *
 * <ul>
 *   <li><b>Model:</b> {@link io.aihub.topology.models.IsolationForestModel#train} (smile, {@code trees} trees of up to
 *       256 rows each), trained on the last {@code history} rows once {@code minTraining} rows were learnt and again
 *       every {@code retrainEvery} rows, each training with its own seed derived from the detector's seed and the row
 *       count (see {@code ForestHistory}), so the same readings and seed give the same scores.
 *   <li><b>Score:</b> the larger of two readings of "how unusual", both in standard deviations from expected:
 *       <ol>
 *         <li>the rarity of the row's forest score among the scores of the forest's training rows: the two-sided
 *             normal deviate of its tail probability ({@code TailCalibration}, with an exponential tail above their
 *             90th percentile), so clean rows give about 0.3% of scores of 3 or more;
 *         <li>for a row outside the range of the training rows in some feature (the range of all but the 1% most
 *             isolated rows, the reference's contamination), the robust z {@code |x - median| / (1.4826 MAD)} of the
 *             feature farthest out. A forest cannot tell such rows apart (a value past the largest training value
 *             follows that value's path in every tree, so a 10 σ spike scores as a 3 σ one); this can.
 *       </ol>
 *       (The model's {@code robustZ}, the score's robust z against the training scores, is not used: the forest
 *       score's skewed distribution puts about 8% of clean normal rows above 3 with it.) There is no expected range
 *       in the metrics' units.
 *   <li><b>Warm-up:</b> until {@code minTraining} rows were learnt (default 100).
 * </ul>
 *
 * <p>State: settings, names, seed, count and the last {@code history + retrainEvery} rows: {@code 52 + Σ(2 + UTF-8
 * length of a name) + 8 * d * (history + retrainEvery)} bytes for d features (at most {@value #MAX_FEATURES}): 5,120
 * bytes per feature with the defaults. The forest is retrained from the rows when first needed after a restore.
 */
public final class MultivariateForestDetector {

    /** Most features a row may have. */
    public static final int MAX_FEATURES = 32;

    private static final DetectionMethod METHOD = DetectionMethod.ISOLATION_FOREST;

    private final IsolationForestDetector.Settings settings;
    private final ForestHistory forest;

    private MultivariateForestDetector(IsolationForestDetector.Settings settings, ForestHistory forest) {
        this.settings = settings;
        this.forest = forest;
    }

    /**
     * A detector with no history.
     *
     * @param featureNames the names of the row values, in order (1 to {@value #MAX_FEATURES}, distinct, not blank, at most 256 characters)
     * @param seed makes the forests reproducible
     */
    public static MultivariateForestDetector create(
            List<String> featureNames, IsolationForestDetector.Settings settings, long seed) {
        return new MultivariateForestDetector(settings, settings.newHistory(checkNames(featureNames), seed));
    }

    /** A detector with the default settings and no history. */
    public static MultivariateForestDetector create(List<String> featureNames, long seed) {
        return create(featureNames, IsolationForestDetector.Settings.defaults(), seed);
    }

    public String method() {
        return METHOD.id();
    }

    public List<String> featureNames() {
        return forest.featureNames();
    }

    public IsolationForestDetector.Settings settings() {
        return settings;
    }

    /** How many rows the detector has learnt. */
    public long count() {
        return forest.count();
    }

    /**
     * Scores a row against the forest trained on earlier rows, then learns it.
     *
     * @param row one finite value per feature, in {@link #featureNames()} order (copied)
     * @param sensitivity the threshold, 1.0 to 5.0
     * @throws IllegalArgumentException if the row does not match the features or the sensitivity is out of range
     */
    public Scored update(long epochMillis, double[] row, double sensitivity) {
        checkRow(row);
        Sensitivity.check(sensitivity);
        Scored scored = IsolationForestDetector.score(forest, row, sensitivity);
        forest.learn(row);
        return scored;
    }

    /** Learns a row without scoring it. */
    public void learn(long epochMillis, double[] row) {
        forest.learn(checkRow(row));
    }

    public byte[] toBytes() {
        List<String> names = forest.featureNames();
        var out = new StateWriter(
                        METHOD.tag(),
                        IsolationForestDetector.VERSION,
                        64 + 24 * names.size() + 8 * names.size() * (settings.history() + settings.retrainEvery()))
                .writeByte(IsolationForestDetector.MULTIVARIATE);
        settings.write(out);
        out.writeInt(names.size());
        names.forEach(out::writeString);
        forest.write(out);
        return out.toByteArray();
    }

    /**
     * Restores a state written by {@link #toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not the state of a multivariate isolation forest
     */
    public static MultivariateForestDetector fromBytes(byte[] bytes) {
        var in = new StateReader(bytes, METHOD.id(), METHOD.tag(), IsolationForestDetector.VERSION);
        int mode = in.readByte("mode");
        if (mode != IsolationForestDetector.MULTIVARIATE) {
            throw in.corrupt("the state is a single series' forest (read it with IsolationForestDetector)");
        }
        var settings = IsolationForestDetector.Settings.read(in);
        int n = in.readInt("feature count", 1, MAX_FEATURES);
        var names = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readString("feature name " + i));
        }
        List<String> checked = in.check(() -> checkNames(names));
        var detector = new MultivariateForestDetector(settings, settings.readHistory(in, checked));
        in.expectEnd();
        return detector;
    }

    private double[] checkRow(double[] row) {
        if (row.length != forest.featureNames().size()) {
            throw new IllegalArgumentException("a row has "
                    + forest.featureNames().size() + " values " + forest.featureNames() + ", got " + row.length);
        }
        return Readings.finite(row);
    }

    private static List<String> checkNames(List<String> names) {
        Readings.inRange("the number of features", names.size(), 1, MAX_FEATURES);
        return FeatureNameRules.require(names);
    }
}
