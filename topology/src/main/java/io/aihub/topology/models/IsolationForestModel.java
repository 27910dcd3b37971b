package io.aihub.topology.models;

import io.aihub.topology.models.internal.AllowList;
import io.aihub.topology.models.internal.FeatureNameRules;
import io.aihub.topology.models.internal.JavaPayloads;
import io.aihub.topology.models.internal.PayloadReader;
import io.aihub.topology.models.internal.PayloadWriter;
import io.aihub.topology.models.internal.SeededTraining;
import java.util.List;
import smile.anomaly.IsolationForest;

/**
 * Kind {@code isolation_forest}: a smile {@link IsolationForest} over rows of named features, plus the distribution
 * of the training rows' scores, so that a score can be read as a robust z ({@link #robustZ}).
 *
 * <p>Each tree is grown on {@code min(256, n - 1)} of the n training rows, drawn without replacement (Liu et al.'s
 * ψ = 256; smile refuses a sampling rate of 1, hence n - 1 for small sets), to a depth of log2 of that sample size
 * (smile's default), with axis-parallel cuts (extension level 0).
 */
public final class IsolationForestModel implements TrainedModel {

    /** The kind id. */
    public static final String KIND = "isolation_forest";
    /** Rows drawn for each tree, at most. */
    public static final int SAMPLE_SIZE = 256;

    private final List<String> featureNames;
    private final IsolationForest forest;
    private final RobustSummary trainingScores;

    private IsolationForestModel(List<String> featureNames, IsolationForest forest, RobustSummary trainingScores) {
        this.featureNames = featureNames;
        this.forest = forest;
        this.trainingScores = trainingScores;
    }

    /**
     * Trains a forest; the same inputs and seed give the same model (see {@code SeededTraining} for the one limit).
     *
     * @param featureNames the names of the row values, in order
     * @param rows the training rows (at least 2), each with one finite value per feature
     * @param trees the number of trees (&gt;= 1)
     * @param seed the seed of smile's random generator for this training
     * @throws IllegalArgumentException if the inputs are invalid
     */
    public static IsolationForestModel train(List<String> featureNames, double[][] rows, int trees, long seed) {
        return train(featureNames, rows, trees, seed, 0);
    }

    /**
     * As {@link #train(List, double[][], int, long)}, with cuts of the given extension level: 0 cuts along one
     * feature (the classic forest), {@code features - 1} along random hyperplanes through all of them (Hariri et
     * al.'s extended isolation forest). Hyperplanes judge a row far outside the training range on one feature as
     * extreme in nearly every direction, where axis-parallel cuts see it as extreme only when they cut that feature.
     *
     * @param extensionLevel 0 to {@code featureNames.size() - 1}
     */
    public static IsolationForestModel train(
            List<String> featureNames, double[][] rows, int trees, long seed, int extensionLevel) {
        List<String> names = FeatureNameRules.require(featureNames);
        FeatureNameRules.requireRows(names, rows, 2);
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be >= 1, was " + trees);
        }
        if (extensionLevel < 0 || extensionLevel >= names.size()) {
            throw new IllegalArgumentException(
                    "extensionLevel must be between 0 and " + (names.size() - 1) + ", was " + extensionLevel);
        }
        // smile draws round(n * rate) rows and requires 0 < rate < 1
        double subsample = (double) Math.min(SAMPLE_SIZE, rows.length - 1) / rows.length;
        var options = new IsolationForest.Options(trees, 0, subsample, extensionLevel);
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        IsolationForest forest = SeededTraining.run(KIND, seed, () -> IsolationForest.fit(copy, options));
        double[] scores = new double[copy.length];
        for (int i = 0; i < copy.length; i++) {
            scores[i] = forest.score(copy[i]);
        }
        return new IsolationForestModel(names, forest, RobustSummary.of(scores));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /** The number of trees. */
    public int trees() {
        return forest.size();
    }

    /** Median, MAD and count of the training rows' scores. */
    public RobustSummary trainingScores() {
        return trainingScores;
    }

    /**
     * smile's anomaly score, {@code 2^(-E[h(x)] / c(ψ))}, in (0, 1): about 0.5 or less for ordinary rows, towards 1
     * for anomalies.
     *
     * @param row one value per feature, in {@link #featureNames()} order
     */
    public double score(double[] row) {
        if (row.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, expected " + featureNames.size() + " " + featureNames);
        }
        return forest.score(row);
    }

    /** The score as a robust z against the training scores: {@code (score - median) / (1.4826 * MAD)}. */
    public double robustZ(double[] row) {
        return trainingScores.robustZ(score(row));
    }

    /** Payload v1: feature names, training score summary, Java-serialised smile forest (blob). */
    byte[] payload() {
        return new PayloadWriter()
                .writeFeatureNames(featureNames)
                .writeSummary(trainingScores)
                .writeBlob(JavaPayloads.serialize(forest))
                .toByteArray();
    }

    static IsolationForestModel fromPayload(PayloadReader in, int version) {
        if (version != 1) {
            throw new UnsupportedModelException(KIND + " payload version " + version + " is not readable");
        }
        List<String> names = in.readFeatureNames();
        RobustSummary scores = in.readSummary("training scores");
        IsolationForest forest = JavaPayloads.deserialize(
                in.readBlob("forest"), AllowList.ISOLATION_FOREST, IsolationForest.class, KIND + " forest");
        in.expectEnd();
        if (scores.count() == 0) {
            throw in.corrupt("the training score summary is empty", null);
        }
        try {
            forest.score(new double[names.size()]);
        } catch (RuntimeException e) {
            throw in.corrupt("the forest does not score rows of " + names.size() + " features", e);
        }
        return new IsolationForestModel(names, forest, scores);
    }

    @Override
    public String toString() {
        return "IsolationForestModel[features=" + featureNames + ", trees=" + trees() + ", trainingScores="
                + trainingScores + "]";
    }
}
